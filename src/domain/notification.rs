//! Who a new post concerns, and how: the rules of notification, without a database.

use std::collections::HashSet;

use super::named::named;

named! {
    /// Why a member is told about something.
    pub enum NotificationKind ("notification kind") {
        /// A reply to one of the member's posts.
        Reply = "reply",
        /// `@name` in a post.
        Mention = "mention",
        /// A reply quoting one of the member's posts.
        Quote = "quote",
        /// A new post in a thread the member watches.
        Watch = "watch",
        /// A moderation decision on the member's post or account.
        Moderation = "moderation",
        /// A phase change or published synthesis of a consultation the member took part in.
        Consultation = "consultation",
    }
}

named! {
    /// Whether a member gets notifications by email.
    pub enum NotifyEmail ("notification email setting") {
        Off = "off",
        /// One email per batch window.
        Batched = "batched",
    }
}

/// At most this many members mentioned in one post are notified.
pub const MENTIONS_NOTIFIED: usize = 10;

/// A post that just became visible, as the rules need it.
#[derive(Debug, Clone, Default)]
pub struct Cause<'a> {
    /// Who wrote it.
    pub author: i64,
    /// The author of the post it answers (the thread's opening post when it names none);
    /// `None` for an opening post.
    pub answered: Option<i64>,
    /// It quotes (`> `) what it answers.
    pub quoting: bool,
    /// Members it mentions, in order of first mention.
    pub mentioned: &'a [i64],
    /// Members watching its thread.
    pub watchers: &'a [i64],
}

/// Who is told about `cause`, each once, by the most specific kind: mention, then quote, then
/// reply, then watch. Nobody is told of their own post; `silenced` (members who ignore the
/// author, or may not be told) and `told` (already notified of this post) are left out.
pub fn recipients(
    cause: &Cause<'_>,
    silenced: &HashSet<i64>,
    told: &HashSet<i64>,
) -> Vec<(i64, NotificationKind)> {
    let mut out: Vec<(i64, NotificationKind)> = Vec::new();
    let mut seen: HashSet<i64> = HashSet::from([cause.author]);
    let mut add = |who: i64, kind: NotificationKind, out: &mut Vec<_>| {
        if seen.insert(who) && !silenced.contains(&who) && !told.contains(&who) {
            out.push((who, kind));
        }
    };
    let mentioned = cause
        .mentioned
        .iter()
        .filter(|m| **m != cause.author)
        .take(MENTIONS_NOTIFIED);
    for who in mentioned {
        add(*who, NotificationKind::Mention, &mut out);
    }
    if let Some(answered) = cause.answered {
        let kind = if cause.quoting {
            NotificationKind::Quote
        } else {
            NotificationKind::Reply
        };
        add(answered, kind, &mut out);
    }
    for who in cause.watchers {
        add(*who, NotificationKind::Watch, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::NotificationKind::*;
    use super::*;

    fn set(ids: &[i64]) -> HashSet<i64> {
        ids.iter().copied().collect()
    }

    #[test]
    fn each_member_is_told_once_by_the_most_specific_kind() {
        let cause = Cause {
            author: 1,
            answered: Some(2),
            quoting: false,
            mentioned: &[2, 3],
            watchers: &[3, 4, 1],
        };
        assert_eq!(
            recipients(&cause, &set(&[]), &set(&[])),
            [(2, Mention), (3, Mention), (4, Watch)]
        );
        let quoting = Cause {
            quoting: true,
            mentioned: &[],
            ..cause.clone()
        };
        assert_eq!(
            recipients(&quoting, &set(&[]), &set(&[])),
            [(2, Quote), (3, Watch), (4, Watch)]
        );
    }

    #[test]
    fn nobody_hears_of_their_own_post_nor_from_whom_they_ignore_nor_twice() {
        let cause = Cause {
            author: 1,
            answered: Some(1),
            quoting: false,
            mentioned: &[1, 5, 6],
            watchers: &[1, 7],
        };
        assert_eq!(recipients(&cause, &set(&[5]), &set(&[7])), [(6, Mention)]);
    }

    #[test]
    fn at_most_ten_mentions_notify() {
        let many: Vec<i64> = (1..=15).collect();
        let cause = Cause {
            author: 1,
            mentioned: &many,
            ..Cause::default()
        };
        let told = recipients(&cause, &set(&[]), &set(&[]));
        assert_eq!(told.len(), MENTIONS_NOTIFIED);
        assert_eq!(told.first(), Some(&(2, Mention)));
        assert_eq!(told.last(), Some(&(11, Mention)));
    }
}

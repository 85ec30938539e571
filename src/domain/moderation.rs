//! The names of moderation: what a decision did, and why a member reported a post.

use super::named::named;

named! {
    /// What one entry of the public moderation log records.
    pub enum ModAction ("moderation action") {
        Approve = "approve",
        Reject = "reject",
        Hide = "hide",
        Restore = "restore",
        AutoHide = "auto_hide",
        Lock = "lock",
        Unlock = "unlock",
        Pin = "pin",
        Unpin = "unpin",
        Move = "move",
        Suspend = "suspend",
        Unsuspend = "unsuspend",
        Ban = "ban",
        AppealUpheld = "appeal_upheld",
        AppealOverturned = "appeal_overturned",
        PurgeRevision = "purge_revision",
        Appoint = "appoint",
        Revoke = "revoke",
        Board = "board",
        Rules = "rules",
        Settings = "settings",
        OutboxRetry = "outbox_retry",
        OutboxDiscard = "outbox_discard",
        AffiliationVerify = "affiliation_verify",
        AffiliationRevoke = "affiliation_revoke",
        ConsultationClose = "consultation_close",
        SynthesisPublish = "synthesis_publish",
    }
}

named! {
    /// Why a member reports a post, most severe first.
    pub enum ReportReason ("report reason") {
        ChildSafety = "child_safety",
        Abuse = "abuse",
        Misinformation = "misinformation",
        Spam = "spam",
        OffTopic = "off_topic",
        Other = "other",
    }
}

named! {
    /// What set a moderation decision off: a report on the content, a moderator acting on
    /// their own, or the site's automatic rules (held words, new-member review, hiding after
    /// enough reports).
    pub enum Origin ("decision origin") {
        Flag = "flag",
        Moderator = "moderator",
        Automatic = "automatic",
    }
}

impl ModAction {
    /// Whether the action is a moderation decision on content or members (what the
    /// transparency report counts), rather than running the site (appointments, settings,
    /// boards, rules, mail, labels, consultations).
    pub fn is_decision(self) -> bool {
        matches!(
            self,
            Self::Approve
                | Self::Reject
                | Self::Hide
                | Self::Restore
                | Self::AutoHide
                | Self::Lock
                | Self::Unlock
                | Self::Pin
                | Self::Unpin
                | Self::Move
                | Self::Suspend
                | Self::Unsuspend
                | Self::Ban
                | Self::AppealUpheld
                | Self::AppealOverturned
                | Self::PurgeRevision
        )
    }
}

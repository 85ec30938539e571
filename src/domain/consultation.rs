//! The forum's multistakeholder dialogue: the groups members speak for, the kinds of
//! contribution a consultation asks for, and a consultation's phase on a given day.

use chrono::NaiveDate;

use super::named::named;

named! {
    /// The stakeholder group a member declares.
    pub enum Stakeholder ("stakeholder group") {
        Government = "government",
        PrivateSector = "private_sector",
        CivilSociety = "civil_society",
        Academia = "academia",
        TechnicalCommunity = "technical_community",
        Intergovernmental = "intergovernmental",
    }
}

named! {
    /// What a reply in a consultation contributes.
    pub enum ContributionKind ("contribution kind") {
        Proposal = "proposal",
        Objection = "objection",
        Question = "question",
        Evidence = "evidence",
        Comment = "comment",
    }
}

named! {
    /// Where a consultation stands: only moderators see a draft; members contribute while it
    /// is open; once closed, moderators write the synthesis, and publishing it ends the story.
    pub enum Phase ("consultation phase") {
        Draft = "draft",
        Open = "open",
        Closed = "closed",
        Synthesis = "synthesis",
    }
}

/// Which contributions a reader asked to see (`?stakeholder=` and `?kind=`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Filter {
    pub stakeholder: Option<Stakeholder>,
    pub kind: Option<ContributionKind>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.stakeholder.is_none() && self.kind.is_none()
    }
}

/// A consultation's dates and what moderators did, as far as its phase depends on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    pub opens_on: NaiveDate,
    /// The last day to contribute (until its end, in the site's time zone).
    pub closes_on: NaiveDate,
    /// A moderator closed it before its date.
    pub closed_early: bool,
    pub synthesis_published: bool,
}

impl Schedule {
    /// The phase on `today` (the site's time zone).
    pub fn phase(&self, today: NaiveDate) -> Phase {
        if self.synthesis_published {
            Phase::Synthesis
        } else if self.closed_early || today > self.closes_on {
            Phase::Closed
        } else if today < self.opens_on {
            Phase::Draft
        } else {
            Phase::Open
        }
    }

    /// Days left to contribute on `today`, counting today (1 on the last day).
    pub fn days_left(&self, today: NaiveDate) -> i64 {
        (self.closes_on - today).num_days() + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    fn schedule() -> Schedule {
        Schedule {
            opens_on: day(10),
            closes_on: day(20),
            closed_early: false,
            synthesis_published: false,
        }
    }

    #[test]
    fn the_phase_follows_the_dates_and_closes_after_the_last_day() {
        let s = schedule();
        assert_eq!(s.phase(day(9)), Phase::Draft);
        assert_eq!(s.phase(day(10)), Phase::Open);
        assert_eq!(s.phase(day(20)), Phase::Open);
        assert_eq!(s.phase(day(21)), Phase::Closed);
        assert_eq!(s.days_left(day(10)), 11);
        assert_eq!(s.days_left(day(20)), 1);
    }

    #[test]
    fn closing_early_and_publishing_move_the_phase_whatever_the_date() {
        let early = Schedule {
            closed_early: true,
            ..schedule()
        };
        assert_eq!(early.phase(day(12)), Phase::Closed);
        let done = Schedule {
            synthesis_published: true,
            ..early
        };
        assert_eq!(done.phase(day(12)), Phase::Synthesis);
        assert_eq!(done.phase(day(25)), Phase::Synthesis);
    }

    #[test]
    fn names_are_the_stored_values() {
        assert_eq!(
            "civil_society".parse::<Stakeholder>(),
            Ok(Stakeholder::CivilSociety)
        );
        assert_eq!(
            "evidence".parse::<ContributionKind>(),
            Ok(ContributionKind::Evidence)
        );
        assert!("lobby".parse::<Stakeholder>().is_err());
    }
}

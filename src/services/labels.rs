//! A stakeholder label as shown beside an author's name: the group, the organisation, and
//! whether it is verified or only declared.

use chrono::NaiveDateTime;
use serde::Serialize;

use crate::db::stakeholders::LabelColumns;
use crate::domain::Stakeholder;

/// What templates render with `partials/label` (and feeds write after the name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    pub stakeholder: Stakeholder,
    /// Catalogue key of the group's name.
    pub group: String,
    pub organization: Option<String>,
    pub verified: bool,
}

impl Label {
    /// The label of an author, if they declared a group; none for a deleted member.
    pub fn of(columns: LabelColumns, deleted: Option<NaiveDateTime>) -> Option<Self> {
        if deleted.is_some() {
            return None;
        }
        let stakeholder = columns.stakeholder?;
        Some(Self {
            stakeholder,
            group: group_key(stakeholder),
            organization: columns.organization.filter(|o| !o.trim().is_empty()),
            verified: columns.affiliation_verified_at.is_some(),
        })
    }

    /// Catalogue key of the last part: verified or declared.
    pub fn state_key(&self) -> &'static str {
        if self.verified {
            "label-verified"
        } else {
            "label-declared"
        }
    }
}

/// Catalogue key of a group's name.
pub fn group_key(stakeholder: Stakeholder) -> String {
    format!("stakeholder-{}", stakeholder.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn columns(org: Option<&str>, verified: bool) -> LabelColumns {
        LabelColumns {
            stakeholder: Some(Stakeholder::CivilSociety),
            organization: org.map(str::to_string),
            affiliation_verified_at: verified.then(|| chrono::Utc::now().naive_utc()),
        }
    }

    #[test]
    fn a_member_without_a_group_has_no_label() {
        assert_eq!(Label::of(LabelColumns::default(), None), None);
    }

    #[test]
    fn a_deleted_member_has_no_label() {
        let now = chrono::Utc::now().naive_utc();
        assert_eq!(Label::of(columns(Some("X"), true), Some(now)), None);
    }

    #[test]
    fn the_label_names_group_organisation_and_state() {
        let label = Label::of(columns(Some("Fundación X"), true), None).unwrap();
        assert_eq!(label.group, "stakeholder-civil_society");
        assert_eq!(label.organization.as_deref(), Some("Fundación X"));
        assert_eq!(label.state_key(), "label-verified");
        let declared = Label::of(columns(Some(" "), false), None).unwrap();
        assert_eq!(declared.organization, None);
        assert_eq!(declared.state_key(), "label-declared");
    }
}

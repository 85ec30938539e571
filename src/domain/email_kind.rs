//! The kinds of email Tertulia sends. Each is a name stored in the outbox and the folder of
//! its templates (`templates/email/<name>/{subject.txt,body.txt,body.html}.hbs`); a test
//! holds the list and the folders to each other, so a missing template fails a test, not a
//! delivery.

use std::fmt;
use std::str::FromStr;

/// One kind of email.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EmailKind {
    Verify,
    AlreadyRegistered,
    Reset,
    EmailChange,
    EmailChanged,
    SubscribeConfirm,
    Digest,
    Watch,
    PostHidden,
    PostRejected,
    Suspended,
    Banned,
    ReportUrgent,
}

/// A stored kind this version does not know.
#[derive(Debug, thiserror::Error)]
#[error("unknown email kind {0:?}")]
pub struct UnknownEmailKind(pub String);

impl EmailKind {
    /// Every kind.
    pub const ALL: [EmailKind; 13] = [
        EmailKind::Verify,
        EmailKind::AlreadyRegistered,
        EmailKind::Reset,
        EmailKind::EmailChange,
        EmailKind::EmailChanged,
        EmailKind::SubscribeConfirm,
        EmailKind::Digest,
        EmailKind::Watch,
        EmailKind::PostHidden,
        EmailKind::PostRejected,
        EmailKind::Suspended,
        EmailKind::Banned,
        EmailKind::ReportUrgent,
    ];

    /// The stored name, which is also the templates' folder.
    pub fn as_str(self) -> &'static str {
        match self {
            EmailKind::Verify => "verify",
            EmailKind::AlreadyRegistered => "already_registered",
            EmailKind::Reset => "reset",
            EmailKind::EmailChange => "email_change",
            EmailKind::EmailChanged => "email_changed",
            EmailKind::SubscribeConfirm => "subscribe_confirm",
            EmailKind::Digest => "digest",
            EmailKind::Watch => "watch",
            EmailKind::PostHidden => "post_hidden",
            EmailKind::PostRejected => "post_rejected",
            EmailKind::Suspended => "suspended",
            EmailKind::Banned => "banned",
            EmailKind::ReportUrgent => "report_urgent",
        }
    }
}

impl FromStr for EmailKind {
    type Err = UnknownEmailKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        EmailKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| UnknownEmailKind(s.to_string()))
    }
}

impl fmt::Display for EmailKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_three_templates_and_every_template_folder_is_a_kind() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/email");
        for kind in EmailKind::ALL {
            assert_eq!(kind.as_str().parse::<EmailKind>().unwrap(), kind);
            for part in ["subject.txt.hbs", "body.txt.hbs", "body.html.hbs"] {
                let file = root.join(kind.as_str()).join(part);
                assert!(file.is_file(), "{kind}: {} is missing", file.display());
            }
        }
        for entry in std::fs::read_dir(&root).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_dir() {
                let name = entry.file_name().to_string_lossy().to_string();
                assert!(
                    name.parse::<EmailKind>().is_ok(),
                    "templates/email/{name} belongs to no EmailKind"
                );
            }
        }
    }
}

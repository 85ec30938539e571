//! The kinds of email Tertulia sends. Each is a name stored in the outbox and the folder of
//! its templates (`templates/email/<name>/{subject.txt,body.txt,body.html}.hbs`); a test
//! holds the list and the folders to each other, so a missing template fails a test, not a
//! delivery.

use super::named::named;

named! {
    /// One kind of email.
    pub enum EmailKind ("email kind") {
        Verify = "verify",
        AlreadyRegistered = "already_registered",
        Reset = "reset",
        EmailChange = "email_change",
        EmailChanged = "email_changed",
        SubscribeConfirm = "subscribe_confirm",
        Digest = "digest",
        Watch = "watch",
        PostHidden = "post_hidden",
        PostRejected = "post_rejected",
        Suspended = "suspended",
        Banned = "banned",
        ReportUrgent = "report_urgent",
        Notifications = "notifications",
        Affiliation = "affiliation",
        ReplyRefused = "reply_refused",
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

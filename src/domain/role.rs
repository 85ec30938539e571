//! Roles: member, moderator, admin.

use super::named::named;

named! {
    /// What a person may do beyond reading (ordered: an admin is more than a moderator).
    pub enum Role ("role") {
        Member = "member",
        Moderator = "moderator",
        Admin = "admin",
    }
}

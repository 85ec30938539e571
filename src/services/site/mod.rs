//! Site-wide state kept in the database, one room each: the shared secret (`secret`), the
//! settings in force (`effective`), and upkeep: health, housekeeping, content version
//! (`upkeep`).

mod effective;
mod secret;
mod upkeep;

pub use effective::{effective, Effective, SETTING_KEYS};
pub use secret::ensure_secret;
pub use upkeep::{content_version, housekeeping, ping};

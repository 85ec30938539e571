//! Site-wide state kept in the database, one room each: the shared secret (`secret`), the
//! settings in force (`effective`), the retention job (`retention`), and upkeep: health and
//! content version (`upkeep`).

mod effective;
mod retention;
mod secret;
mod upkeep;

pub use effective::{effective, Effective, SETTING_KEYS};
pub use retention::{housekeeping, Removed};
pub use secret::ensure_secret;
pub use upkeep::{content_version, ping};

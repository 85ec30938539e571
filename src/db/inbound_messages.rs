//! Received reply emails, one row per Message-ID: what makes each handled once.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::inbound_messages;
use super::{insert_unless_present, DbConn};

#[derive(Debug, Insertable)]
#[diesel(table_name = inbound_messages)]
pub struct NewInbound<'a> {
    pub message_id: &'a str,
    pub user_id: Option<i64>,
    pub outcome: &'a str,
    pub received_at: NaiveDateTime,
}

/// Records a message; false when its Message-ID was already recorded (by this process or
/// another instance, whose transaction this one waits for).
pub fn record(conn: &mut DbConn, row: &NewInbound<'_>) -> QueryResult<bool> {
    Ok(insert_unless_present!(conn, inbound_messages::table, row))
}

/// What became of a recorded message, in words for whoever reads the table.
pub fn set_outcome(conn: &mut DbConn, message_id: &str, outcome: &str) -> QueryResult<()> {
    diesel::update(inbound_messages::table.find(message_id))
        .set(inbound_messages::outcome.eq(outcome))
        .execute(conn)?;
    Ok(())
}

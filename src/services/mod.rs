//! Use cases: the only place that opens transactions. Each takes the pool and plain values and
//! returns a serialisable page or the outcome of an action.

pub mod boards;
pub mod site;

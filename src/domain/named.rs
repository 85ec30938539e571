//! Closed sets of names (a post's status, a role, a language…): one enum each, stored and
//! shown by the same lowercase name, read back only if it is one of them.

use std::fmt;

/// A name that belongs to none of a set's values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {set} {value:?} (expected one of: {expected})")]
pub struct UnknownName {
    /// What kind of name was expected (`role`, `post status`…).
    pub set: &'static str,
    pub value: String,
    /// The known names, comma-separated.
    pub expected: String,
}

/// Defines a closed set of names: the enum, `ALL`, `as_str`, `FromStr` (refusing any other
/// name with [`UnknownName`]), `Display` and `Serialize` by name.
macro_rules! named {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident ($set:literal) {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: [$name; [$($text),+].len()] = [$($name::$variant),+];

            /// The stored and shown name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $text ),+
                }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::domain::named::UnknownName;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $( $text => Ok($name::$variant), )+
                    _ => Err($crate::domain::named::unknown($set, s, &[$($text),+])),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

pub(crate) use named;

/// The error for `value`, which is none of `expected`.
pub fn unknown(set: &'static str, value: &str, expected: &[&str]) -> UnknownName {
    UnknownName {
        set,
        value: value.to_string(),
        expected: expected.join(", "),
    }
}

impl UnknownName {
    /// A short form for logs: `unknown role "root"`.
    pub fn short(&self) -> impl fmt::Display + '_ {
        struct Short<'a>(&'a UnknownName);
        impl fmt::Display for Short<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "unknown {} {:?}", self.0.set, self.0.value)
            }
        }
        Short(self)
    }
}

#[cfg(test)]
mod tests {
    use super::super::{EmailKind, Frequency, Locale, ModAction, PostStatus, ReportReason, Role};

    /// Every set reads back each of its names, and nothing else.
    fn round_trips<T>(all: &[T])
    where
        T: Copy + PartialEq + std::fmt::Debug + std::str::FromStr + std::fmt::Display,
        T::Err: std::fmt::Debug,
    {
        for v in all {
            assert_eq!(v.to_string().parse::<T>().unwrap(), *v);
            assert!(v.to_string().to_uppercase().parse::<T>().is_err());
        }
        assert!("".parse::<T>().is_err());
    }

    #[test]
    fn every_name_reads_back_and_nothing_else_does() {
        round_trips(&PostStatus::ALL);
        round_trips(&ModAction::ALL);
        round_trips(&ReportReason::ALL);
        round_trips(&Role::ALL);
        round_trips(&Locale::ALL);
        round_trips(&EmailKind::ALL);
        round_trips(&Frequency::ALL);
        let err = "root".parse::<Role>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown role \"root\" (expected one of: member, moderator, admin)"
        );
        assert_eq!(
            serde_json::to_string(&ModAction::AppealUpheld).unwrap(),
            "\"appeal_upheld\""
        );
    }
}

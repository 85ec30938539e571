//! The languages Tertulia speaks, and how a reader's preference is read.

use super::named::named;

named! {
    /// A supported language, Spanish first.
    pub enum Locale ("language") {
        Es = "es",
        En = "en",
    }
}

impl Locale {
    /// Picks the first supported language from an `Accept-Language` header, by quality.
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut ranked: Vec<(f32, usize, Locale)> = header
            .split(',')
            .enumerate()
            .filter_map(|(i, item)| {
                let mut parts = item.trim().split(';');
                let tag = parts.next()?.trim();
                let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
                let locale = primary.parse::<Locale>().ok()?;
                let q = parts
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
                (q > 0.0).then_some((q, i, locale))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked.first().map(|r| r.2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_supported_tags() {
        assert_eq!("es".parse::<Locale>().unwrap(), Locale::Es);
        assert_eq!("en".parse::<Locale>().unwrap(), Locale::En);
        assert!("fr".parse::<Locale>().is_err());
        assert!("ES".parse::<Locale>().is_err());
    }

    #[test]
    fn accept_language_honours_quality_and_regions() {
        assert_eq!(
            Locale::from_accept_language("en-US,en;q=0.9"),
            Some(Locale::En)
        );
        assert_eq!(
            Locale::from_accept_language("fr;q=1, en;q=0.5, es-GT;q=0.8"),
            Some(Locale::Es)
        );
        assert_eq!(Locale::from_accept_language("es-419"), Some(Locale::Es));
        assert_eq!(Locale::from_accept_language("de, fr"), None);
        assert_eq!(
            Locale::from_accept_language("en;q=0, es;q=0.1"),
            Some(Locale::Es)
        );
        assert_eq!(Locale::from_accept_language(""), None);
    }
}

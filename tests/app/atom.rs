//! RFC 4287's rules for a parsed Atom feed, shared by the HTTP suite and the browser suite's
//! grammar check.

/// RFC 4287's rules outside its grammar: every entry has an author with a name, its own or the
/// feed's (4.1.1, 4.1.2, 3.2.1); titles are not empty (4.2.14); an entry without content has an alternate link (4.1.2); at most one
/// alternate link per type and language (4.1.1); ids are absolute IRIs (4.2.6); and a feed
/// names itself with a `self` link (4.2.7.2, a SHOULD that validators warn about).
pub fn rfc_rules_a_grammar_cannot_say(path: &str, feed: &atom_syndication::Feed) {
    let absolute = |iri: &str| {
        iri.split_once(':')
            .is_some_and(|(scheme, rest)| !scheme.is_empty() && !rest.is_empty())
    };
    let one_alternate = |links: &[atom_syndication::Link]| {
        let mut seen = std::collections::HashSet::new();
        links.iter().filter(|l| l.rel() == "alternate").all(|l| {
            seen.insert((
                l.mime_type().map(str::to_owned),
                l.hreflang().map(str::to_owned),
            ))
        })
    };
    let named =
        |people: &[atom_syndication::Person]| people.iter().all(|p| !p.name().trim().is_empty());
    assert!(absolute(feed.id()), "{path}: feed id {}", feed.id());
    assert!(
        !feed.title().as_str().trim().is_empty(),
        "{path}: feed title"
    );
    assert!(
        named(feed.authors()),
        "{path}: a feed author without a name"
    );
    assert!(one_alternate(feed.links()), "{path}: two alternate links");
    assert!(
        feed.links().iter().any(|l| l.rel() == "self"),
        "{path}: no rel=self link"
    );
    for entry in feed.entries() {
        let title = entry.title().as_str();
        assert!(!title.trim().is_empty(), "{path}: an entry without a title");
        assert!(
            named(entry.authors()),
            "{path}: {title} has an author without a name"
        );
        assert!(
            !entry.authors().is_empty() || !feed.authors().is_empty(),
            "{path}: entry {title} has no author"
        );
        assert!(absolute(entry.id()), "{path}: entry id {}", entry.id());
        assert!(one_alternate(entry.links()), "{path}: {title}");
        if entry.content().is_none() {
            assert!(
                entry.links().iter().any(|l| l.rel() == "alternate"),
                "{path}: entry {title} has neither content nor an alternate link"
            );
        }
    }
}

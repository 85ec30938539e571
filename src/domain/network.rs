//! Addresses behind a reverse proxy: which proxies are ours, and who the visitor really is.

use std::net::IpAddr;

/// A block of addresses (`127.0.0.0/8`, `::1`, `10.1.2.3`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpRange {
    base: IpAddr,
    prefix: u8,
}

impl IpRange {
    /// Parses an address or `address/prefix`.
    pub fn parse(s: &str) -> Option<Self> {
        let (addr, prefix) = match s.trim().split_once('/') {
            Some((a, p)) => (a, Some(p.parse::<u8>().ok()?)),
            None => (s.trim(), None),
        };
        let base: IpAddr = addr.parse().ok()?;
        let max = if base.is_ipv4() { 32 } else { 128 };
        let prefix = prefix.unwrap_or(max);
        (prefix <= max).then_some(Self { base, prefix })
    }

    /// Whether `addr` is inside the block.
    pub fn contains(&self, addr: IpAddr) -> bool {
        let addr = match addr {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(addr, IpAddr::V4),
            v4 => v4,
        };
        match (self.base, addr) {
            (IpAddr::V4(b), IpAddr::V4(a)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(b) & mask == u32::from(a) & mask
            }
            (IpAddr::V6(b), IpAddr::V6(a)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(b) & mask == u128::from(a) & mask
            }
            _ => false,
        }
    }
}

/// The visitor's address: the connection's peer, unless the peer is one of our `trusted`
/// proxies; then the right-most address of `X-Forwarded-For` that is not one of them (each
/// proxy appends the address it saw, so only the right-hand part is ours to believe; whatever
/// the client wrote itself stands to the left of it).
pub fn client_address(peer: IpAddr, forwarded_for: &[&str], trusted: &[IpRange]) -> IpAddr {
    let is_trusted = |a: IpAddr| trusted.iter().any(|r| r.contains(a));
    if !is_trusted(peer) {
        return peer;
    }
    let mut client = peer;
    for value in forwarded_for.iter().rev() {
        for hop in value.split(',').rev() {
            let Ok(addr) = hop.trim().parse::<IpAddr>() else {
                return client;
            };
            client = addr;
            if !is_trusted(addr) {
                return addr;
            }
        }
    }
    client
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn ranges_match_their_block_only() {
        let lo = IpRange::parse("127.0.0.0/8").unwrap();
        assert!(lo.contains(ip("127.4.5.6")));
        assert!(!lo.contains(ip("128.0.0.1")));
        assert!(lo.contains(ip("::ffff:127.0.0.1")));
        let one = IpRange::parse("::1").unwrap();
        assert!(one.contains(ip("::1")) && !one.contains(ip("::2")));
        assert!(IpRange::parse("10.0.0.0/33").is_none());
        assert!(IpRange::parse("proxy").is_none());
    }

    #[test]
    fn the_client_cannot_choose_its_address() {
        let trusted = [
            IpRange::parse("127.0.0.0/8").unwrap(),
            IpRange::parse("10.0.0.0/8").unwrap(),
        ];
        let proxy = ip("127.0.0.1");
        // What the client wrote stands left of what our proxy saw.
        assert_eq!(
            client_address(proxy, &["1.2.3.4, 203.0.113.9"], &trusted),
            ip("203.0.113.9")
        );
        // Two of our proxies in a row.
        assert_eq!(
            client_address(proxy, &["198.51.100.7, 10.0.0.2"], &trusted),
            ip("198.51.100.7")
        );
        // Several header lines count as one list.
        assert_eq!(
            client_address(proxy, &["6.6.6.6", "198.51.100.7"], &trusted),
            ip("198.51.100.7")
        );
        // A peer that is not our proxy is believed, whatever the headers say.
        assert_eq!(
            client_address(ip("198.51.100.7"), &["1.2.3.4"], &trusted),
            ip("198.51.100.7")
        );
        // Garbage stops the walk at the last address we could believe.
        assert_eq!(client_address(proxy, &["nonsense"], &trusted), proxy);
        assert_eq!(client_address(proxy, &[], &trusted), proxy);
    }
}

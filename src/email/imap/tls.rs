//! TLS for IMAP: rustls with ring, trusting the public roots and any certificate in
//! `mail.imap_ca_file`.

use std::path::Path;
use std::sync::Arc;

use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::CertificateDer;
use tokio_rustls::rustls::{self, ClientConfig, RootCertStore};
use tokio_rustls::TlsConnector;

/// A connector trusting webpki's roots plus every certificate in `ca_file`.
pub fn connector(ca_file: Option<&Path>) -> Result<TlsConnector, String> {
    let mut roots = RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    if let Some(path) = ca_file {
        let shown = path.display();
        let mut found = 0;
        for cert in CertificateDer::pem_file_iter(path)
            .map_err(|e| format!("mail.imap_ca_file {shown} cannot be read: {e}"))?
        {
            let cert = cert.map_err(|e| format!("mail.imap_ca_file {shown} is not PEM: {e}"))?;
            roots
                .add(cert)
                .map_err(|e| format!("mail.imap_ca_file {shown} holds a bad certificate: {e}"))?;
            found += 1;
        }
        if found == 0 {
            return Err(format!("mail.imap_ca_file {shown} holds no certificate"));
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS cannot be set up: {e}"))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(TlsConnector::from(Arc::new(config)))
}

/// Whether an I/O error is rustls refusing the server's certificate.
pub fn is_untrusted_certificate(e: &std::io::Error) -> bool {
    e.get_ref()
        .and_then(|inner| inner.downcast_ref::<rustls::Error>())
        .is_some_and(|e| matches!(e, rustls::Error::InvalidCertificate(_)))
}

//! The signer's key and certificates, from a PKCS#12 file (`.p12`, `.pfx`),
//! as certification authorities issue software certificates.

use crate::error::{Error, ErrorKind, Result};
use der::{Decode, Encode};
use p12_keystore::{KeyStore, Pkcs12ImportPolicy};
use rsa::pkcs8::DecodePrivateKey;
use std::path::Path;
use x509_cert::Certificate;

/// A key that can sign, and its certificate chain (the signer's first).
pub struct Signer {
    key: rsa::PrivateKey,
    chain: Vec<Certificate>,
}

impl Signer {
    /// The key and chain in a PKCS#12 file's bytes (`path` is for messages).
    pub fn from_pkcs12(bytes: &[u8], password: &str, path: &Path) -> Result<Signer> {
        let store = KeyStore::from_pkcs12(bytes, password, Pkcs12ImportPolicy::Strict)
            .map_err(|e| refused(path, &pkcs12_cause(&e)))?;
        let Some((_, chain)) = store.private_key_chain() else {
            return Err(refused(
                path,
                &crate::tr!(
                    "tệp không có khóa bí mật kèm chứng thư",
                    "the file holds no private key with its certificate"
                ),
            ));
        };
        let key = rsa::PrivateKey::from_pkcs8_der(chain.key().as_der()).map_err(|_| {
            refused(
                path,
                &crate::tr!(
                    "khóa không phải RSA (vanban ký bằng khóa RSA)",
                    "the key is not an RSA key (vanban signs with RSA keys)"
                ),
            )
        })?;
        let chain = chain
            .certs()
            .iter()
            .map(|c| Certificate::from_der(c.as_der()))
            .collect::<der::Result<Vec<_>>>()
            .map_err(|e| refused(path, &e.to_string()))?;
        if chain.is_empty() {
            return Err(refused(path, "no certificate"));
        }
        Ok(Signer { key, chain })
    }

    /// The signer's certificate.
    pub fn certificate(&self) -> &Certificate {
        &self.chain[0]
    }

    /// The whole chain, the signer's certificate first, each as DER.
    pub fn chain_der(&self) -> Vec<Vec<u8>> {
        self.chain.iter().filter_map(|c| c.to_der().ok()).collect()
    }

    /// The signer's name: the certificate subject's common name (`CN`), or
    /// the whole subject if it has none.
    pub fn name(&self) -> String {
        let subject = self.certificate().tbs_certificate().subject();
        subject
            .common_name()
            .ok()
            .flatten()
            .map(String::from)
            .unwrap_or_else(|| subject.to_string())
    }

    /// How long a signature of this key is, in bytes.
    pub fn signature_len(&self) -> usize {
        use rsa::traits::PublicKeyParts;
        self.key.size()
    }

    /// The RSA PKCS#1 v1.5 signature of `message`, hashed with SHA-256.
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>> {
        self.key
            .pkcs1v15_sign::<sha2::Sha256>(message)
            .map_err(|e| {
                Error::new(
                    ErrorKind::Render,
                    crate::tr!("không ký được", "could not sign"),
                    e.to_string(),
                )
            })
    }
}

fn refused(path: &Path, cause: &str) -> Error {
    Error::new(
        ErrorKind::Input,
        crate::tr!(
            "không dùng được chứng thư số {}",
            "could not use the certificate {}",
            path.display()
        ),
        cause,
    )
}

/// A reader's words for what went wrong in the PKCS#12 file.
fn pkcs12_cause(e: &p12_keystore::error::Error) -> String {
    use p12_keystore::error::Error as E;
    match e {
        E::MacError(_) => crate::tr!(
            "sai mật khẩu (hoặc tệp bị hỏng)",
            "wrong password (or a damaged file)"
        ),
        E::UnsupportedEncryptionScheme | E::UnsupportedMacAlgorithm => crate::tr!(
            "tệp mã hóa theo cách vanban chưa đọc được: {e}",
            "the file is encrypted in a way vanban cannot read: {e}"
        ),
        _ => crate::tr!(
            "không phải tệp PKCS#12 (.p12, .pfx) đọc được: {e}",
            "not a readable PKCS#12 file (.p12, .pfx): {e}"
        ),
    }
}

//! The CMS signature container (RFC 5652 SignedData) of a PAdES B-B
//! signature (ETSI EN 319 142-1, 6.3): detached, SHA-256, the signed
//! attributes content-type, message-digest and signing-certificate-v2
//! (RFC 5035), and no signing-time (the PDF's `/M` holds the time).

use super::keys::Signer;
use crate::error::{Error, ErrorKind, Result};
use der::asn1::{Any, ObjectIdentifier as Oid, OctetString, SetOfVec};
use der::{Decode, Encode, Sequence};
use sha2::{Digest, Sha256};
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::AlgorithmIdentifierOwned;

const ID_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.1");
const ID_SIGNED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.2");
const ID_CONTENT_TYPE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.3");
const ID_MESSAGE_DIGEST: Oid = Oid::new_unwrap("1.2.840.113549.1.9.4");
const ID_SIGNING_CERTIFICATE_V2: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.47");
const ID_SHA256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");
const SHA256_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.11");

#[derive(Sequence)]
struct ContentInfo {
    content_type: Oid,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    content: SignedData,
}

#[derive(Sequence)]
struct SignedData {
    version: u8,
    digest_algorithms: SetOfVec<AlgorithmIdentifierOwned>,
    encap_content_info: EncapsulatedContentInfo,
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT")]
    certificates: SetOfVec<Any>,
    signer_infos: SetOfVec<Any>,
}

/// Detached: the content type alone, no content.
#[derive(Sequence)]
struct EncapsulatedContentInfo {
    content_type: Oid,
}

#[derive(Sequence)]
struct SignerInfo {
    version: u8,
    sid: IssuerAndSerialNumber,
    digest_algorithm: AlgorithmIdentifierOwned,
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT")]
    signed_attrs: SetOfVec<Attribute>,
    signature_algorithm: AlgorithmIdentifierOwned,
    signature: OctetString,
}

#[derive(Sequence)]
struct IssuerAndSerialNumber {
    issuer: Name,
    serial_number: SerialNumber,
}

/// ESS `SigningCertificateV2`, one certificate, hashed with SHA-256 (the
/// default algorithm, so left out as DER asks).
#[derive(Sequence)]
struct SigningCertificateV2 {
    certs: Vec<EssCertIdV2>,
}

#[derive(Sequence)]
struct EssCertIdV2 {
    cert_hash: OctetString,
    issuer_serial: IssuerSerial,
}

#[derive(Sequence)]
struct IssuerSerial {
    issuer: Vec<GeneralName>,
    serial_number: SerialNumber,
}

/// The DER of the SignedData over `digest` (the SHA-256 of the signed byte
/// ranges), signed by `signer`.
pub fn signed_data(digest: &[u8], signer: &Signer) -> Result<Vec<u8>> {
    build(digest, signer).map_err(|e| {
        Error::new(
            ErrorKind::Render,
            crate::tr!("không ký được", "could not sign"),
            e.to_string(),
        )
    })
}

fn build(
    digest: &[u8],
    signer: &Signer,
) -> std::result::Result<Vec<u8>, Box<dyn std::error::Error>> {
    let cert = signer.certificate();
    let tbs = cert.tbs_certificate();
    let sha256 = AlgorithmIdentifierOwned {
        oid: ID_SHA256,
        parameters: None,
    };
    let ess = SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            cert_hash: OctetString::new(Sha256::digest(cert.to_der()?).to_vec())?,
            issuer_serial: IssuerSerial {
                issuer: vec![GeneralName::DirectoryName(tbs.issuer().clone())],
                serial_number: tbs.serial_number().clone(),
            },
        }],
    };
    let attrs: SetOfVec<Attribute> = SetOfVec::try_from(vec![
        attribute(ID_CONTENT_TYPE, Any::encode_from(&ID_DATA)?),
        attribute(
            ID_MESSAGE_DIGEST,
            Any::encode_from(&OctetString::new(digest.to_vec())?)?,
        ),
        attribute(ID_SIGNING_CERTIFICATE_V2, Any::encode_from(&ess)?),
    ])?;
    // The signature covers the attributes as a SET (RFC 5652, 5.4).
    let signature = signer.sign(&attrs.to_der()?)?;
    let chain = signer
        .chain_der()
        .iter()
        .map(|c| Any::from_der(c))
        .collect::<der::Result<Vec<_>>>()?;
    let info = ContentInfo {
        content_type: ID_SIGNED_DATA,
        content: SignedData {
            version: 1,
            digest_algorithms: SetOfVec::try_from(vec![sha256.clone()])?,
            encap_content_info: EncapsulatedContentInfo {
                content_type: ID_DATA,
            },
            certificates: SetOfVec::try_from(chain)?,
            signer_infos: SetOfVec::try_from(vec![Any::encode_from(&SignerInfo {
                version: 1,
                sid: IssuerAndSerialNumber {
                    issuer: tbs.issuer().clone(),
                    serial_number: tbs.serial_number().clone(),
                },
                digest_algorithm: sha256,
                signed_attrs: attrs,
                signature_algorithm: AlgorithmIdentifierOwned {
                    oid: SHA256_WITH_RSA,
                    parameters: Some(Any::from(der::asn1::Null)),
                },
                signature: OctetString::new(signature)?,
            })?])?,
        },
    };
    Ok(info.to_der()?)
}

fn attribute(oid: Oid, value: Any) -> Attribute {
    let mut values = SetOfVec::new();
    // One value: it cannot clash with another.
    let _ = values.insert(value);
    Attribute { oid, values }
}

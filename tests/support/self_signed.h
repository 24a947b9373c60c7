// A self-signed certificate for the TLS tests (transport and the real server): a fresh P-256
// key and a certificate for 127.0.0.1 and localhost, valid for an hour, written as PEM files.
#pragma once

#include <string>

namespace cherha::test {

// Writes the certificate to `cert_path` and its private key to `key_path`. False when OpenSSL
// refused a step or a file could not be written.
bool make_self_signed(const std::string& cert_path, const std::string& key_path);

}  // namespace cherha::test

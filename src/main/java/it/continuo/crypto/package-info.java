/**
 * OpenPGP encryption of what Continuo stores off-site, readable with {@code gpg --decrypt} alone.
 *
 * <p>{@link it.continuo.crypto.EncryptionKey} is the public key a target encrypts to; backups need
 * nothing else. {@link it.continuo.crypto.DecryptionKey} is the private key, given only to restore
 * or verify. {@link it.continuo.crypto.OpenPgpEncryptor} and {@link
 * it.continuo.crypto.OpenPgpDecryptor} stream: AES-256 with an integrity code, no compression (the
 * data is zstd already), an empty file name. Decryption checks the integrity code when the
 * plaintext ends and throws {@link it.continuo.crypto.DecryptionException} rather than end a stream
 * that was damaged or cut short. Problems with key files are {@link
 * it.continuo.crypto.KeyFileException}s naming the file.
 */
package it.continuo.crypto;

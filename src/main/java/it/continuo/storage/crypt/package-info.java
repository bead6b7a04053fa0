/**
 * Encryption of a target's objects, as a wrapper around any {@link it.continuo.storage.Target}:
 * {@link it.continuo.storage.crypt.EncryptingTarget} stores {@code KEY} as an OpenPGP message
 * {@code KEY.gpg} (see {@link it.continuo.crypto}) that the provider cannot read and that {@code
 * gpg --decrypt} can.
 *
 * <p>An encrypted upload is written to the inner target as it is encrypted and committed after the
 * end of the OpenPGP message; a crash leaves what the inner target leaves (a temporary object that
 * {@code cleanupIncomplete} removes). Uploads are not resumable at this level: place the retry
 * wrapper under it. Objects written in the clear before encryption was turned on are still read.
 */
package it.continuo.storage.crypt;

package it.continuo.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder;

/**
 * Encrypts a stream to one public key, in the OpenPGP format that {@code gpg --decrypt} reads.
 *
 * <p>The message is: one public-key encrypted session key packet, then a symmetrically encrypted
 * integrity-protected data packet (AES-256, with a modification detection code) holding one literal
 * data packet: binary, with an empty file name and a zero date, so nothing about the object leaks
 * even to someone holding the private key. There is no compression packet: what Continuo stores is
 * zstd-compressed already. Both packets are streamed in partial-length chunks of {@value #CHUNK}
 * bytes, so memory stays constant whatever the size.
 *
 * <p>The content cipher comes from the JDK (AES-NI); the session key is wrapped with Bouncy
 * Castle's lightweight RSA or ECDH.
 */
public final class OpenPgpEncryptor {
  /** The partial body length of both packets: 1 MiB, a power of two as OpenPGP requires. */
  static final int CHUNK = 1 << 20;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final EncryptionKey recipient;

  public OpenPgpEncryptor(EncryptionKey recipient) {
    this.recipient = recipient;
  }

  public EncryptionKey recipient() {
    return recipient;
  }

  /**
   * A stream whose bytes are encrypted onto {@code out}. Closing it writes the end of the OpenPGP
   * packets (the last chunk and the integrity code) and flushes {@code out}, but does <b>not</b>
   * close {@code out}: the caller decides what closing means for it (an upload commits or aborts).
   */
  public OutputStream encrypt(OutputStream out) throws IOException {
    PGPEncryptedDataGenerator encryption =
        new PGPEncryptedDataGenerator(
            new JcePGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                .setWithIntegrityPacket(true)
                .setSecureRandom(RANDOM));
    encryption.addMethod(
        new BcPublicKeyKeyEncryptionMethodGenerator(recipient.key()).setSecureRandom(RANDOM));
    OutputStream encrypted;
    try {
      encrypted = encryption.open(new KeepOpen(out), new byte[CHUNK]);
    } catch (PGPException e) {
      throw new IOException(
          "cannot encrypt to " + recipient + " (" + recipient.file() + "): " + e.getMessage(), e);
    }
    PGPLiteralDataGenerator literal = new PGPLiteralDataGenerator();
    OutputStream plain =
        literal.open(encrypted, PGPLiteralData.BINARY, "", PGPLiteralData.NOW, new byte[CHUNK]);
    return new Finishing(plain, literal, encryption, out);
  }

  /** Shields the target stream from Bouncy Castle's close. */
  private static final class KeepOpen extends OutputStream {
    private final OutputStream out;

    KeepOpen(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() {}
  }

  /** The plaintext side; close finishes the literal packet, then the encrypted packet. */
  private static final class Finishing extends OutputStream {
    private final OutputStream plain;
    private final PGPLiteralDataGenerator literal;
    private final PGPEncryptedDataGenerator encryption;
    private final OutputStream out;
    private boolean closed;

    Finishing(
        OutputStream plain,
        PGPLiteralDataGenerator literal,
        PGPEncryptedDataGenerator encryption,
        OutputStream out) {
      this.plain = plain;
      this.literal = literal;
      this.encryption = encryption;
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      plain.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      plain.write(b, off, len);
    }

    /** Flushes nothing of the chunk being filled: OpenPGP chunks are written whole. */
    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      literal.close();
      encryption.close();
      out.flush();
    }
  }
}

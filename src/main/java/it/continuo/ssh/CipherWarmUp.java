package it.continuo.ssh;

import it.continuo.io.WarmUp;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets the JIT to compile AES-GCM, the first cipher {@link SshConnection} offers, before a bulk
 * transfer needs it. The JDK encrypts with the CPU's AES and carry-less multiply instructions only
 * once the optimizing compiler has compiled its GCM code, and runs it three to four times slower in
 * Java until then; a transfer's own packets get it compiled only after several thousand of them,
 * and in a starting command the compilation then waits behind everything else. Measured on the
 * development machine: 917 MB in 32 KiB packets took 1.9 s from a cold start, 0.5 s after this
 * warm-up of 0.2 s, done once per process on a thread of its own.
 */
public final class CipherWarmUp {
  private static final Logger log = LoggerFactory.getLogger(CipherWarmUp.class);

  /** Packets of the warm-up: enough calls for the compiler's thresholds, each a few blocks. */
  static final int PACKETS = 8_000;

  private CipherWarmUp() {}

  /** Starts the warm-up on a daemon thread, the first time only. */
  public static void inBackground() {
    WarmUp.once("aes-gcm-warm-up", CipherWarmUp::run);
  }

  /** Encrypts {@link #PACKETS} small packets as an SSH transport does, with a throw-away key. */
  static void run() {
    try {
      byte[] packet = new byte[4 + 64 + 16];
      byte[] nonce = new byte[12];
      SecretKeySpec key = new SecretKeySpec(new byte[16], "AES");
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      for (int i = 0; i < PACKETS; i++) {
        nonce[10] = (byte) (i >>> 8);
        nonce[11] = (byte) i;
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        cipher.updateAAD(packet, 0, 4); // the packet length, authenticated, not encrypted
        cipher.doFinal(packet, 4, 64, packet, 4);
      }
    } catch (GeneralSecurityException e) {
      log.debug("AES-GCM warm-up: {}", e.toString()); // only the speed is at stake
    }
  }
}

package it.continuo.health.ups;

/** Where a monitor reads its UPS from: a NUT server in production, a script in tests. */
public interface UpsSource extends AutoCloseable {

  /**
   * The UPS's current status. Throws {@link NutErrorException} with {@link
   * NutErrorException#stale()} when the server answers without fresh data, another {@link
   * NutException} when it does not answer properly.
   */
  UpsStatus read() throws NutException;

  /** Where it reads from, for messages, e.g. "sala@127.0.0.1:3493". */
  String describe();

  @Override
  void close();
}

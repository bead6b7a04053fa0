/**
 * The {@code sftp} target: a directory on another server, reached over SSH (see {@link
 * it.continuo.ssh}).
 *
 * <p>An upload is written to a hidden temporary file beside its final name ({@code
 * .NAME.RANDOM.partial}) on a channel of its own, checked for its full size, then renamed onto the
 * key with OpenSSH's {@code posix-rename@openssh.com}, which replaces an existing object atomically
 * (plain SFTP v3 rename refuses to). A crash, an abort or a dropped connection leaves at most the
 * temporary file, which listings never show and {@code cleanupIncomplete} deletes. SFTP has no
 * fsync in JSch, so the commit is as durable as the server's rename: a power cut on the server
 * right after a commit may lose it (the next verification reports it missing).
 *
 * <p>Every few MiB an upload waits for the server to acknowledge what it sent; those bytes are
 * {@link it.continuo.storage.Upload#durable() durable}. After a transient failure {@link
 * it.continuo.storage.sftp.SftpTarget#resume} truncates the temporary file to them and continues
 * writing there, on a new connection if the old one died.
 *
 * <p>The target holds one SSH session and opens a new one when it finds it dead, so the operation
 * after a dropped connection reconnects; the operation that saw the drop fails as transient. A JSch
 * SFTP channel serves one thread at a time: uploads and read streams each get a channel, and
 * metadata operations (stat, list, delete, mkdir) share one, serialized. An upload uses its channel
 * from a thread of its own ({@link it.continuo.storage.sftp.ChannelThread}): JSch closes a channel
 * when a reply arrives after the last thread that read from it has ended, as the store thread of a
 * backup does before the run's thread commits the archive.
 *
 * <p>Errors: a missing file is {@link it.continuo.storage.ObjectNotFoundException}; permission
 * denied, a refused login or host key, and server-side failures (disk full) are permanent;
 * connection problems are transient.
 */
package it.continuo.storage.sftp;

/**
 * The {@code s3} target: a bucket of Amazon S3 or of an S3-compatible service (MinIO, Ceph,
 * S3Proxy), reached with the AWS SDK's synchronous client over the Apache HTTP client.
 *
 * <p><b>Uploads</b> stream: the bytes fill a buffer of {@code partSize}; a full buffer becomes a
 * multipart part and is sent on a background thread while the writer fills the next one, with at
 * most {@code parallelParts} parts in flight (the writer waits when that many are outstanding), so
 * an upload holds at most {@code (parallelParts + 1) × partSize} bytes of memory and never a
 * temporary file. An object that ends before its first part is full goes as a single {@code
 * PutObject}. Every put and part carries a CRC32C checksum that the service verifies (a mismatch is
 * {@code BadDigest}) and echoes back, and the echo is compared too; a single put also carries
 * Content-MD5. Parts go with an unsigned payload, over plain HTTP too ({@link
 * it.continuo.storage.s3.UnsignedPartSigner}): their CRC32C guards them, and neither side computes
 * a SHA-256 of every part. {@code CompleteMultipartUpload} makes the object appear at once; an
 * upload closed without commit is aborted.
 *
 * <p><b>Resume</b>: an upload keeps every part until S3 acknowledges it, so every byte written is
 * either stored or held in memory, and {@code durable()} is all of them: the retry wrapper keeps no
 * second copy. {@link it.continuo.storage.s3.S3Target#resume} continues the same multipart upload,
 * sends again the parts that failed (replacing what S3 may hold under their numbers) and fills on
 * the interrupted upload's buffer. The interrupted upload is handed over: closing it afterwards
 * does nothing.
 *
 * <p><b>After a crash</b> S3 keeps the incomplete multipart upload (and bills its parts) until
 * {@code cleanupIncomplete} lists the multipart uploads under the prefix and aborts them; a bucket
 * lifecycle rule ("abort incomplete multipart uploads after N days") is a good second net.
 *
 * <p><b>Errors</b> are classified where they arise: 404 is not found; bad credentials, access
 * denied, a missing bucket, a feature the service does not implement are permanent; 5xx, 429,
 * {@code SlowDown}, {@code BadDigest} and every connection problem or timeout are transient. The
 * SDK itself does not retry: the retry wrapper around the target retries, with backoff, and resumes
 * uploads.
 */
package it.continuo.storage.s3;

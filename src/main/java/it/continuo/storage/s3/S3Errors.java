package it.continuo.storage.s3;

import it.continuo.storage.ObjectNotFoundException;
import it.continuo.storage.TargetException;
import it.continuo.storage.TargetException.Kind;
import java.io.IOException;
import java.io.InterruptedIOException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Turns what the SDK throws into classified {@link TargetException}s whose messages name the
 * target, the bucket and the endpoint, and say what to do. Never puts a secret in a message: only
 * the access key id, which is an account name, not a password.
 */
final class S3Errors {
  private final String where;
  private final String bucket;
  private final String accessKeyId;

  /**
   * @param where "S3 target cloud (bucket b at http://127.0.0.1:18080)"
   */
  S3Errors(String where, String bucket, String accessKeyId) {
    this.where = where;
    this.bucket = bucket;
    this.accessKeyId = accessKeyId;
  }

  TargetException classify(Throwable e, String doing) {
    if (e instanceof TargetException t) {
      return t;
    }
    if (e instanceof AwsServiceException s) {
      return service(s, doing);
    }
    if (e instanceof SdkClientException c) {
      return client(c, doing);
    }
    if (e instanceof InterruptedIOException) {
      return new TargetException(Kind.TRANSIENT, message("interrupted while " + doing), e);
    }
    if (e instanceof IOException) {
      return new TargetException(
          Kind.TRANSIENT, message("connection problem while " + doing + ": " + e.getMessage()), e);
    }
    return new TargetException(Kind.PERMANENT, message("unexpected error while " + doing), e);
  }

  TargetException permanent(String text) {
    return new TargetException(Kind.PERMANENT, message(text));
  }

  TargetException transientError(String text) {
    return new TargetException(Kind.TRANSIENT, message(text));
  }

  String message(String text) {
    return where + ": " + text;
  }

  private TargetException service(AwsServiceException e, String doing) {
    int status = e.statusCode();
    String code =
        e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
            ? "HTTP " + status
            : e.awsErrorDetails().errorCode();
    String serverText =
        e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
            ? ""
            : ": " + e.awsErrorDetails().errorMessage();
    String tail = " while " + doing + " (" + code + ")";
    switch (code) {
      case "NoSuchBucket":
        return new TargetException(
            Kind.PERMANENT, message("bucket " + bucket + " does not exist" + tail), e);
      case "NoSuchUpload":
        return new TargetException(
            Kind.PERMANENT,
            message("the multipart upload was aborted, by cleanup or a lifecycle rule" + tail),
            e);
      case "InvalidAccessKeyId":
        return new TargetException(
            Kind.PERMANENT,
            message("the service does not know access key " + accessKeyId + tail),
            e);
      case "SignatureDoesNotMatch":
        return new TargetException(
            Kind.PERMANENT,
            message("the secret key does not match access key " + accessKeyId + tail),
            e);
      case "RequestTimeTooSkewed":
        return new TargetException(
            Kind.PERMANENT, message("this machine's clock is wrong; fix NTP" + tail), e);
      case "AccessDenied", "AllAccessDisabled", "AccountProblem":
        return new TargetException(
            Kind.PERMANENT,
            message("access key " + accessKeyId + " may not do this" + tail + serverText),
            e);
      case "BadDigest", "XAmzContentSHA256Mismatch", "InvalidDigest":
        return new TargetException(
            Kind.TRANSIENT,
            message("the data was damaged on the way, the checksums differ" + tail),
            e);
      case "SlowDown", "RequestTimeout", "OperationAborted", "InternalError", "ServiceUnavailable":
        return new TargetException(Kind.TRANSIENT, message("the service is busy" + tail), e);
      case "NotImplemented":
        return new TargetException(
            Kind.PERMANENT,
            message(
                "the service does not implement a feature this target uses" + tail + serverText),
            e);
      default:
        break;
    }
    if (status == 404) {
      return new ObjectNotFoundException(message("not found while " + doing), e);
    }
    if (status == 429 || status >= 500 && status != 501) {
      return new TargetException(Kind.TRANSIENT, message("server error" + tail + serverText), e);
    }
    return new TargetException(Kind.PERMANENT, message("refused" + tail + serverText), e);
  }

  private TargetException client(SdkClientException e, String doing) {
    if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
      return new TargetException(Kind.TRANSIENT, message("timed out while " + doing), e);
    }
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      if (c instanceof IOException io) {
        return new TargetException(
            Kind.TRANSIENT,
            message("cannot reach the service while " + doing + ": " + describe(io)),
            e);
      }
    }
    String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (text.toLowerCase(java.util.Locale.ROOT).contains("checksum")) {
      return new TargetException(
          Kind.TRANSIENT, message("the data was damaged on the way while " + doing), e);
    }
    return new TargetException(Kind.PERMANENT, message(text + " while " + doing), e);
  }

  private static String describe(IOException io) {
    String m = io.getMessage();
    return m == null ? io.getClass().getSimpleName() : io.getClass().getSimpleName() + ": " + m;
  }
}

package dev.sightline.server.api.prometheus;

import com.linecorp.armeria.common.HttpStatus;

/** An answer of {@code {"status":"error","errorType":…,"error":…}} with its HTTP status. */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String type;
  private final transient HttpStatus status;

  ApiError(String type, HttpStatus status, String message) {
    super(message);
    this.type = type;
    this.status = status;
  }

  static ApiError badData(String message) {
    return new ApiError("bad_data", HttpStatus.BAD_REQUEST, message);
  }

  String type() {
    return type;
  }

  HttpStatus status() {
    return status;
  }
}

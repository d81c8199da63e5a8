package lv.sargs.gateway.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import lv.sargs.gateway.problem.ProblemCode;

/**
 * The HTTP layer's problems, those any route can be answered with (framing, admission, limits,
 * overload, the unexpected), each with a stable {@code type} URI, a fixed title and its HTTP status
 * (RFC 9457). A capability's own problems live in its package (e.g. {@code LookupProblem},
 * {@code TreasuryException.Code}, {@code ReportProblem}). Codes are never renamed or reused.
 */
public enum ProblemType implements ProblemCode {
    BAD_REQUEST("bad-request", HttpResponseStatus.BAD_REQUEST, "The request is malformed"),
    CLIENT_NOT_DECLARED("client-not-declared", HttpResponseStatus.FORBIDDEN,
            "The client certificate is not declared"),
    CLIENT_OUTSIDE_SOURCES("client-outside-sources", HttpResponseStatus.FORBIDDEN,
            "The client may not connect from this address"),
    ROLE_REQUIRED("role-required", HttpResponseStatus.FORBIDDEN, "The client lacks the role this route requires"),
    NOT_FOUND("not-found", HttpResponseStatus.NOT_FOUND, "No such route"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpResponseStatus.METHOD_NOT_ALLOWED,
            "The route does not support this method"),
    BODY_TOO_LARGE("body-too-large", HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "The request body is too large"),
    URI_TOO_LONG("uri-too-long", HttpResponseStatus.REQUEST_URI_TOO_LONG, "The request line is too long"),
    HEADERS_TOO_LARGE("headers-too-large", HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
            "The request headers are too large"),
    CONFIG_REJECTED("config-rejected", HttpResponseStatus.UNPROCESSABLE_ENTITY,
            "The new config was not applied; the running config is unchanged"),
    REQUEST_TIMEOUT("request-timeout", HttpResponseStatus.REQUEST_TIMEOUT,
            "The request did not arrive in time"),
    TOO_MANY_REQUESTS("too-many-requests", HttpResponseStatus.TOO_MANY_REQUESTS,
            "The client sends more than its share"),
    INTERNAL_ERROR("internal-error", HttpResponseStatus.INTERNAL_SERVER_ERROR, "The gateway failed unexpectedly"),
    OVERLOADED("overloaded", HttpResponseStatus.SERVICE_UNAVAILABLE, "Too many requests in flight"),
    SHUTTING_DOWN("shutting-down", HttpResponseStatus.SERVICE_UNAVAILABLE, "The gateway is shutting down"),
    DEADLINE_EXCEEDED("deadline-exceeded", HttpResponseStatus.GATEWAY_TIMEOUT,
            "The request did not complete within its time budget"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
            "The request body's media type is not accepted here"),
    IDEMPOTENCY_KEY_REQUIRED("idempotency-key-required", HttpResponseStatus.BAD_REQUEST,
            "An Idempotency-Key header is required"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", HttpResponseStatus.UNPROCESSABLE_ENTITY,
            "The Idempotency-Key was used before for a different request"),
    AUDIT_UNAVAILABLE("audit-unavailable", HttpResponseStatus.SERVICE_UNAVAILABLE,
            "The request could not be recorded in the audit trail");

    private final String code;
    private final String uri;
    private final HttpResponseStatus status;
    private final String title;

    ProblemType(String code, HttpResponseStatus status, String title) {
        this.code = code;
        this.uri = BASE_URI + code;
        this.status = status;
        this.title = title;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String uri() {
        return uri;
    }

    /** The HTTP status this problem is answered with, as Netty's constant. */
    public HttpResponseStatus status() {
        return status;
    }

    @Override
    public int httpStatus() {
        return status.code();
    }

    @Override
    public String title() {
        return title;
    }
}

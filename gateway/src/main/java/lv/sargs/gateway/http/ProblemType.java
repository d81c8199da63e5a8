package lv.sargs.gateway.http;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Every kind of error the gateway answers, each with a stable {@code type} URI
 * ({@code https://sargs.lv/problems/<code>}), a fixed title and its HTTP status (RFC 9457).
 * Codes are never renamed or reused; later capabilities add constants here.
 */
public enum ProblemType {
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
    INTERNAL_ERROR("internal-error", HttpResponseStatus.INTERNAL_SERVER_ERROR, "The gateway failed unexpectedly"),
    OVERLOADED("overloaded", HttpResponseStatus.SERVICE_UNAVAILABLE, "Too many requests in flight"),
    SHUTTING_DOWN("shutting-down", HttpResponseStatus.SERVICE_UNAVAILABLE, "The gateway is shutting down"),
    DEADLINE_EXCEEDED("deadline-exceeded", HttpResponseStatus.GATEWAY_TIMEOUT,
            "The request did not complete within its time budget"),
    INVALID_IDENTIFIER("invalid-identifier", HttpResponseStatus.BAD_REQUEST,
            "The identifier fails its format or checksum rule"),
    PURPOSE_REQUIRED("purpose-required", HttpResponseStatus.BAD_REQUEST, "The request does not name its purpose"),
    PURPOSE_NOT_ALLOWED("purpose-not-allowed", HttpResponseStatus.FORBIDDEN,
            "The client may not state this purpose"),
    SUBJECT_NOT_FOUND("subject-not-found", HttpResponseStatus.NOT_FOUND, "The register does not know the subject"),
    REGISTER_FAILED("register-failed", HttpResponseStatus.BAD_GATEWAY,
            "The register failed and nothing usable is cached"),
    REGISTER_TIMEOUT("register-timeout", HttpResponseStatus.GATEWAY_TIMEOUT,
            "The register did not answer within the budget and nothing usable is cached"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
            "The request body's media type is not accepted here"),
    IDEMPOTENCY_KEY_REQUIRED("idempotency-key-required", HttpResponseStatus.BAD_REQUEST,
            "An Idempotency-Key header is required"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", HttpResponseStatus.UNPROCESSABLE_ENTITY,
            "The Idempotency-Key was used before for a different request"),
    TREASURY_INVALID_DOCUMENT("treasury-invalid-document", HttpResponseStatus.BAD_REQUEST,
            "The Treasury document is not acceptable XML or JSON"),
    TREASURY_INVALID_PAYMENT("treasury-invalid-payment", HttpResponseStatus.UNPROCESSABLE_ENTITY,
            "The payment breaks a Treasury rule"),
    TREASURY_MSGID_IN_USE("treasury-msgid-in-use", HttpResponseStatus.CONFLICT,
            "The pain.001 MsgId belongs to another payment"),
    TREASURY_MODE_FORBIDDEN("treasury-mode-forbidden", HttpResponseStatus.FORBIDDEN,
            "The client's Treasury mode does not allow this"),
    TREASURY_UPSTREAM_VIEW_ONLY("treasury-upstream-view-only", HttpResponseStatus.FORBIDDEN,
            "The gateway's eKase user may only view"),
    TREASURY_NOT_FOUND("treasury-not-found", HttpResponseStatus.NOT_FOUND, "No such payment or account"),
    TREASURY_UPSTREAM_FAILED("treasury-upstream-failed", HttpResponseStatus.BAD_GATEWAY,
            "eKase could not be reached or answered unusably"),
    TREASURY_STORE_FAILED("treasury-store-failed", HttpResponseStatus.SERVICE_UNAVAILABLE,
            "The payment could not be stored"),
    REPORT_REJECTED("report-rejected", HttpResponseStatus.UNPROCESSABLE_ENTITY,
            "The report breaks Latvijas Banka's file rules"),
    REPORT_NOT_FOUND("report-not-found", HttpResponseStatus.NOT_FOUND, "No statistical report has this id"),
    REPORT_NOT_PRODUCED("report-not-produced", HttpResponseStatus.INTERNAL_SERVER_ERROR,
            "The report's files could not be produced; nothing was kept or sent"),
    AUDIT_UNAVAILABLE("audit-unavailable", HttpResponseStatus.SERVICE_UNAVAILABLE,
            "The request could not be recorded in the audit trail");

    /** The base every type URI starts with. */
    public static final String BASE_URI = "https://sargs.lv/problems/";

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

    /** The stable code, the last segment of the type URI. */
    public String code() {
        return code;
    }

    /** The type URI. */
    public String uri() {
        return uri;
    }

    /** The HTTP status this problem is answered with. */
    public HttpResponseStatus status() {
        return status;
    }

    /** The short, fixed, human-readable summary. */
    public String title() {
        return title;
    }
}

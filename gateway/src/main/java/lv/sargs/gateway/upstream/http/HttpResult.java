package lv.sargs.gateway.upstream.http;

/**
 * One complete HTTP response as the transport received it, before retry and error policy.
 *
 * @param status the HTTP status
 * @param contentType the Content-Type, or an empty string
 * @param retryAfter the raw Retry-After header, or null
 * @param body the body
 * @param keepAlive whether the connection may carry another request
 * @param date the raw Date header, or null
 */
public record HttpResult(int status, String contentType, String retryAfter, byte[] body, boolean keepAlive,
                         String date) {
}

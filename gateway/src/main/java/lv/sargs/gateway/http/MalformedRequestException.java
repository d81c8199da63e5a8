package lv.sargs.gateway.http;

/**
 * Marks a request head that broke a {@link RequestHeadRules} rule (set as its decoder result by
 * {@link HeadCheck}), so the exchange answers it in turn with a 400 naming the rule.
 */
final class MalformedRequestException extends RuntimeException {

    private final transient RequestHeadRules.Broken broken;

    MalformedRequestException(RequestHeadRules.Broken broken) {
        super(broken.detail(), null, false, false);
        this.broken = broken;
    }

    RequestHeadRules.Broken broken() {
        return broken;
    }
}

package lv.sargs.gateway.lookup;

/**
 * A lookup needed a paid register call that its client's daily fee budget no longer covers, and
 * nothing usable was cached; carries the refusal and the part whose call was refused.
 */
public final class FeeBudgetExhaustedException extends RuntimeException {

    /** The problem code, also the {@code Cache-Status} detail of a stale answer served instead of a call. */
    public static final String CODE = "fee-budget-exhausted";

    private final transient FeeBudgets.Refused refused;
    private final transient RegisterPart part;

    FeeBudgetExhaustedException(FeeBudgets.Refused refused, RegisterPart part) {
        super(refused.client() + ": daily fee budget " + refused.budgetCents() + " cents, spent "
                + refused.spentCents() + ", " + part.key().terms() + " costs " + refused.feeCents(), null, false, false);
        this.refused = refused;
        this.part = part;
    }

    /** The refusal: whose budget, spent, limit, the day and when it renews. */
    public FeeBudgets.Refused refused() {
        return refused;
    }

    /** The register part whose call was refused. */
    public RegisterPart part() {
        return part;
    }
}

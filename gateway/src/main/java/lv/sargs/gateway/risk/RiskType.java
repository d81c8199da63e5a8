package lv.sargs.gateway.risk;

/**
 * The operational-risk event types of FKTK recommendations No. 125 (section 4; the Basel loss-event
 * categories), with the code the bank's register uses. The gateway classifies what it sees into
 * 4.2, 4.4, 4.6 and 4.7; the others are listed for the register's completeness.
 */
public enum RiskType {
    INTERNAL_FRAUD("4.1", "internal fraud"),
    EXTERNAL_FRAUD("4.2", "external fraud, incl. attempted unauthorised access"),
    EMPLOYMENT_PRACTICES("4.3", "employment practices and workplace safety"),
    CLIENTS_PRODUCTS_PRACTICES("4.4", "clients, products and business practices, incl. misuse of confidential data"),
    PHYSICAL_ASSETS("4.5", "damage to physical assets"),
    BUSINESS_DISRUPTION("4.6", "business disruption and system failures"),
    EXECUTION_DELIVERY("4.7", "execution, delivery and process management"),
    OTHER("4.8", "other operational-risk events");

    private final String code;
    private final String title;

    RiskType(String code, String title) {
        this.code = code;
        this.title = title;
    }

    /** The type's number, e.g. {@code 4.2}. */
    public String code() {
        return code;
    }

    public String title() {
        return title;
    }
}

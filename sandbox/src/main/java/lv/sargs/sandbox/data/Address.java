package lv.sargs.sandbox.data;

/**
 * A Latvian postal address.
 *
 * @param street street name with its kind, e.g. {@code Brīvības iela}
 * @param house house number, possibly with a letter or a building, e.g. {@code 21A}
 * @param apartment apartment number, or {@code null} for a house
 * @param city city or town
 * @param postcode {@code LV-NNNN}
 */
public record Address(String street, String house, String apartment, String city, String postcode) {

    /** The one-line form the registers print: {@code Brīvības iela 21-5, Rīga, LV-1010}. */
    public String text() {
        return street + " " + house + (apartment == null ? "" : "-" + apartment) + ", " + city + ", " + postcode;
    }
}

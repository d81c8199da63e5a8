package lv.sargs.sandbox.data;

import java.util.List;

/** Latvian names, words and places the generator draws from. */
final class Vocabulary {

    private Vocabulary() {
    }

    static final List<String> MALE_FORENAMES = List.of("Jānis", "Andris", "Pēteris", "Mārtiņš", "Edgars", "Kārlis",
            "Artūrs", "Roberts", "Aivars", "Uldis", "Gatis", "Raivis", "Ēriks", "Valdis", "Juris", "Oskars",
            "Krišjānis", "Dāvis", "Aigars", "Normunds", "Ģirts", "Kristaps", "Reinis", "Toms", "Gints", "Māris");

    static final List<String> FEMALE_FORENAMES = List.of("Līga", "Anna", "Inese", "Kristīne", "Ilze", "Dace",
            "Zane", "Laura", "Elīna", "Sandra", "Agnese", "Ieva", "Māra", "Rūta", "Evija", "Baiba", "Santa",
            "Ance", "Dārta", "Sarmīte", "Gunta", "Anete", "Madara", "Līva", "Ērika", "Vija");

    /** Surnames as {male, female} pairs: Latvian surnames take the form of the bearer's sex. */
    static final List<String[]> SURNAMES = List.of(
            pair("Bērziņš", "Bērziņa"), pair("Kalniņš", "Kalniņa"), pair("Ozoliņš", "Ozoliņa"),
            pair("Jansons", "Jansone"), pair("Ozols", "Ozola"), pair("Liepiņš", "Liepiņa"),
            pair("Krūmiņš", "Krūmiņa"), pair("Balodis", "Balode"), pair("Eglītis", "Eglīte"),
            pair("Zariņš", "Zariņa"), pair("Pētersons", "Pētersone"), pair("Vītols", "Vītola"),
            pair("Kļaviņš", "Kļaviņa"), pair("Kārkliņš", "Kārkliņa"), pair("Vanags", "Vanaga"),
            pair("Lapiņš", "Lapiņa"), pair("Siliņš", "Siliņa"), pair("Šmits", "Šmite"), pair("Dūmiņš", "Dūmiņa"),
            pair("Grīnbergs", "Grīnberga"), pair("Žagars", "Žagare"), pair("Āboliņš", "Āboliņa"),
            pair("Celmiņš", "Celmiņa"), pair("Lūsis", "Lūse"), pair("Zvaigzne", "Zvaigzne"),
            pair("Strautiņš", "Strautiņa"), pair("Rozītis", "Rozīte"), pair("Ķēniņš", "Ķēniņa"));

    /** Foreign officers: {forename, surname}. */
    static final List<String[]> FOREIGN_NAMES = List.of(pair("Mikko", "Virtanen"), pair("Jonas", "Petrauskas"),
            pair("Anna", "Schmidt"), pair("Erik", "Larsson"), pair("Kadri", "Tamm"), pair("Olga", "Ivanova"),
            pair("Piotr", "Kowalski"), pair("Lars", "Nielsen"), pair("Sophie", "Dubois"), pair("John", "Smith"));

    static final List<String> FOREIGN_COUNTRIES = List.of("FI", "LT", "DE", "SE", "EE", "UA", "PL", "DK", "FR", "GB");

    static final List<String> STREETS = List.of("Brīvības iela", "Krišjāņa Barona iela", "Elizabetes iela",
            "Tērbatas iela", "Ģertrūdes iela", "Dzirnavu iela", "Lāčplēša iela", "Maskavas iela", "Kalnciema iela",
            "Dzelzavas iela", "Skolas iela", "Rīgas iela", "Lielā iela", "Pils iela", "Ūdens iela", "Zāļu iela",
            "Meža prospekts", "Jūras iela", "Raiņa bulvāris", "Čiekurkalna 1. līnija");

    /** Cities (Rīga three times: most entities sit there) and their postcode ranges. */
    static final List<City> CITIES = List.of(new City("Rīga", "Rīgas", 1001, 99),
            new City("Rīga", "Rīgas", 1001, 99), new City("Rīga", "Rīgas", 1001, 99),
            new City("Jūrmala", "Jūrmalas", 2008, 8), new City("Jelgava", "Jelgavas", 3001, 9),
            new City("Liepāja", "Liepājas", 3401, 17), new City("Daugavpils", "Daugavpils", 5401, 21),
            new City("Valmiera", "Valmieras", 4201, 2), new City("Ventspils", "Ventspils", 3601, 2),
            new City("Cēsis", "Cēsu", 4101, 1), new City("Ogre", "Ogres", 5001, 1),
            new City("Rēzekne", "Rēzeknes", 4601, 4), new City("Sigulda", "Siguldas", 2150, 1),
            new City("Tukums", "Tukuma", 3101, 1));

    static final List<String> NAME_FIRST_WORDS = List.of("Baltijas", "Daugavas", "Zaļā", "Rīgas", "Kurzemes",
            "Latgales", "Vidzemes", "Zemgales", "Jaunā", "Ziemeļu", "Dzintara", "Saules", "Lielā", "Gaišā",
            "Ozolu", "Priežu", "Ābeļu", "Mežu");

    static final List<String> NAME_SECOND_WORDS = List.of("Būve", "Enerģija", "Dārzs", "Loģistika", "Serviss",
            "Tehnoloģijas", "Maiznīca", "Koks", "Zivis", "Tirdzniecība", "Apgāds", "Ceļi", "Projekti", "Aptieka",
            "Darbnīca", "Kvadrāts", "Ražotne", "Sēta");

    static final List<String> ASSOCIATION_WORDS = List.of("Kultūras", "Sporta", "Vecāku", "Mednieku", "Dārzkopju",
            "Kora", "Jauniešu", "Vēstures", "Dabas draugu");

    static final List<String> INSTITUTION_KINDS = List.of("valstspilsētas pašvaldība", "Centrālā bibliotēka",
            "1. vidusskola", "Sociālais dienests", "Mūzikas skola", "Būvvalde", "Sporta centrs", "pirmsskolas izglītības iestāde \"Saulīte\"");

    static final List<String> COURTS = List.of("Rīgas pilsētas tiesa", "Zemgales rajona tiesa", "Kurzemes rajona tiesa",
            "Vidzemes rajona tiesa", "Latgales rajona tiesa");

    /** A city, its genitive (institution names start with it) and its postcode range. */
    record City(String name, String genitive, int firstPostcode, int postcodes) {
    }

    private static String[] pair(String a, String b) {
        return new String[] {a, b};
    }
}

package fr.adminteleservices.notification.letters;

import java.time.LocalDate;
import java.util.List;

/**
 * Everything one notification letter prints (guide §4.4 for a guardian, §5.3 for a student), already
 * resolved: the templates only lay it out. The same data feeds the e-mail of a guardian.
 *
 * @param holder       whose code it is: a guardian's CAR or a student's CAE
 * @param variant      normal letter (with the code) or continuity-of-access letter (without it), rule D3
 * @param writtenOn    the letter's date
 * @param sender       the establishment, its address and the head who signs
 * @param addressee    salutation ("Monsieur", "Madame", "Madame, Monsieur") and the lines of the postal address
 *                     block (name first); for a student, the name and the division
 * @param studentName  first name and last name of the student, as printed in the body
 * @param division     the student's division (class), may be null
 * @param code         the formatted code ({@code 7KQ4M-2XP9R-TDWAB}); null in a continuity letter
 * @param usableFrom   "dès le": the day from which the code (or the account) works (R2)
 * @param url          where to connect: the téléservices URL, or the ENT's for "ENT seul" (S2)
 * @param services     the services listed, per the letter type and the open services (S2)
 * @param couponReference identifies the couple on the refusal coupon (guardian letters); null for a student
 */
public record Letter(
        Holder holder,
        Variant variant,
        LocalDate writtenOn,
        Sender sender,
        Addressee addressee,
        String studentName,
        String division,
        String code,
        LocalDate usableFrom,
        String url,
        List<String> services,
        String couponReference) {

    public Letter {
        services = services == null ? List.of() : List.copyOf(services);
    }

    public enum Holder { GUARDIAN, STUDENT }

    public enum Variant { NORMAL, CONTINUITY }

    public record Sender(String name, List<String> addressLines, String headName) {
        public Sender {
            addressLines = addressLines == null ? List.of() : List.copyOf(addressLines);
        }
    }

    public record Addressee(String salutation, List<String> lines) {
        public Addressee {
            lines = lines == null ? List.of() : List.copyOf(lines);
        }
    }
}

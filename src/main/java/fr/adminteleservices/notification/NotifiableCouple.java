package fr.adminteleservices.notification;

import java.time.LocalDate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A couple élève / responsable whose valid CAR may be notified, as the list of §4.2 shows it. */
public record NotifiableCouple(long linkId, long codeId, long studentId, String eleveId, String studentLastName,
                               String studentFirstName, String division, String mef, Integer legalRank, String personneId,
                               String civility, String guardianLastName, String guardianFirstName, String email,
                               String addressLine1, String addressLine2, String addressLine3, String addressLine4,
                               String postalCode, String city, String country, LocalDate notifiedOn, LocalDate continuityOn,
                               boolean mailPending) {

    public boolean hasEmail() {
        return ChannelChoice.hasEmail(email);
    }

    /** The postal address on one line, as the list of §4.2 shows it. */
    public String postalAddress() {
        return Stream.of(addressLine1, addressLine2, addressLine3, addressLine4, postalCode, city)
                .filter(s -> s != null && !s.isBlank()).map(String::strip).collect(Collectors.joining(" "));
    }
}

package fr.adminteleservices.students;

/** A guardian of one student; {@code legalRank} is 1, 2 or null (another person, no code). */
public record GuardianView(String eleveId, String personneId, Integer legalRank, String relationship, String civility,
                           String lastName, String firstName, String email, String mobilePhone, String addressLine1,
                           String addressLine2, String addressLine3, String addressLine4, String postalCode,
                           String city, String country) {

    public String rankLabel() {
        return legalRank == null ? "Autre personne" : "Responsable légal " + legalRank;
    }

    public String postalAddress() {
        StringBuilder sb = new StringBuilder();
        for (String line : new String[] {addressLine1, addressLine2, addressLine3, addressLine4}) {
            if (line != null && !line.isBlank()) {
                sb.append(sb.isEmpty() ? "" : ", ").append(line.strip());
            }
        }
        if (postalCode != null || city != null) {
            sb.append(sb.isEmpty() ? "" : ", ").append(postalCode == null ? "" : postalCode + " ").append(city == null ? "" : city);
        }
        return sb.toString().strip();
    }
}

package fr.adminteleservices.accounts;

import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** SQL of « Contacter l'établissement » (ContactMapper.xml). */
@Mapper
interface ContactMapper {

    /** The establishment's contact, when active, on the téléservices side. */
    Contact findContact(@Param("uai") String uai);

    record Contact(String uai, String name, String email, boolean active) {
    }

    /** The names to put first: the account's guardians for the children of that establishment, or the student. */
    List<String> findWriters(@Param("accountId") long accountId, @Param("uai") String uai);

    void insert(ContactMessages.NewMessage message);

    MessageRow find(@Param("id") long id);

    record MessageRow(long id, long accountId, String uai, String subject, String body, String writtenBy,
                      String accountEmail, String accountUsername, String establishmentName, String contactEmail) {
    }
}

package fr.adminteleservices.enrolment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** The téléinscription's SQL (EnrolmentMapper.xml); what a head reads is scoped by their UAI. */
@Mapper
interface EnrolmentMapper {

    // ------------------------------------------------------------------ académie settings

    LocalDate findResultsPublishedOn(@Param("academyCode") String academyCode, @Param("startYear") int startYear);

    void deleteWindow(@Param("academyCode") String academyCode, @Param("startYear") int startYear);

    void insertWindow(@Param("academyCode") String academyCode, @Param("startYear") int startYear,
                      @Param("on") LocalDate resultsPublishedOn, @Param("at") Instant at, @Param("by") String by);

    List<String> findParticipants(@Param("academyCode") String academyCode);

    boolean isParticipant(@Param("uai") String uai);

    void deleteParticipants(@Param("academyCode") String academyCode);

    void insertParticipant(@Param("uai") String uai, @Param("at") Instant at, @Param("by") String by);

    // ------------------------------------------------------------------ the lycée's profile

    List<ProfileRow> findProfileRows(@Param("uai") String uai, @Param("prefix") String mefPrefix);

    record ProfileRow(String mefCode, String mefLabel, String subjectCode, String modality, Integer optionRank,
                      String managementCode, String subjectLabel, String subjectEditionLabel) {
    }

    // ------------------------------------------------------------------ assignment results

    Long findPresentStudent(@Param("uai") String uai, @Param("eleveId") String eleveId);

    AssignmentRow findAssignmentByStudent(@Param("startYear") int startYear, @Param("collegeUai") String collegeUai,
                                          @Param("eleveId") String eleveId);

    AssignmentRow findAssignment(@Param("id") long id);

    void insertAssignment(AssignmentRow row);

    void updateAssignment(@Param("id") long id, @Param("studentId") long studentId, @Param("lyceeUai") String lyceeUai,
                          @Param("mefCode") String mefCode, @Param("at") Instant at);

    long countAssignments(@Param("academyCode") String academyCode, @Param("startYear") int startYear);

    record AssignmentRow(Long id, int startYear, String collegeUai, String eleveId, long studentId, String lyceeUai,
                         String mefCode, String state, Instant importedAt, Long accountId, String processInstanceId) {
    }

    // ------------------------------------------------------------------ follow-up (I3) and completed enrolments

    List<FollowUpRow> findFollowUp(@Param("collegeUai") String collegeUai, @Param("startYear") int startYear);

    List<StateCount> countByState(@Param("collegeUai") String collegeUai, @Param("startYear") int startYear);

    record StateCount(String state, long count) {
    }

    List<FollowUpRow> findCompleted(@Param("lyceeUai") String lyceeUai, @Param("startYear") int startYear);

    record FollowUpRow(long id, String lastName, String firstName, String division, String collegeUai, String collegeName,
                       String lyceeUai, String lyceeName, String mefCode, String mefLabel, String state, Instant completedAt) {
        public String stateLabel() {
            return EnrolmentState.valueOf(state).label();
        }
    }

    List<ChoiceRow> findChoicesOfLycee(@Param("lyceeUai") String lyceeUai, @Param("startYear") int startYear);

    List<ChoiceRow> findChoices(@Param("assignmentId") long assignmentId);

    record ChoiceRow(long assignmentId, String subjectCode, String category, String label) {
    }

    // ------------------------------------------------------------------ the portal

    boolean hasAssignment(@Param("collegeUai") String collegeUai, @Param("studentId") long studentId);

    PortalRow findOfChild(@Param("collegeUai") String collegeUai, @Param("studentId") long studentId,
                          @Param("startYear") int startYear);

    PortalRow findPortalRow(@Param("id") long id);

    /** An assignment as the guardian sees it; {@code lyceeTakesPart} whether its lycée is a participant. */
    record PortalRow(long id, int startYear, String collegeUai, long studentId, String firstName, String lastName,
                     String lyceeUai, String lyceeName, String mefCode, String mefLabel, String state,
                     String processInstanceId, boolean lyceeTakesPart, boolean serviceOpen) {
    }

    int markStarted(@Param("id") long id, @Param("accountId") long accountId, @Param("processInstanceId") String processInstanceId,
                    @Param("at") Instant at);

    int markCompleted(@Param("id") long id, @Param("at") Instant at);

    void insertChoice(@Param("assignmentId") long assignmentId, @Param("subjectCode") String subjectCode,
                      @Param("category") String category, @Param("label") String label);

    int markClosed(@Param("id") long id);
}

<?xml version="1.0" encoding="UTF-8"?>
<!--
  Courriers de notification des codes d'activation (guide Admin TS : §4.4 responsables, §5.3 élèves).
  Point d'entrée des gabarits, lu par LetterRenderer.

  Où trouver le texte :
    - guardian-letter.xsl : le courrier au responsable (corps, pied de page, coupon de refus) ;
    - student-letter.xsl  : le courrier à l'élève (corps, pied de page) ;
    - letter-common.xsl   : ce qui est commun (entête, cadre du code, liste des services, signature,
                            mention « informatique et libertés », mise en page A4).
  Typographie : apostrophe ’ ; &#160; est une espace insécable (avant « : » et à l'intérieur de « »).

  LetterRenderer transforme :
    1. une fois par PDF, le document <document/> : il donne fo:root et les modèles de page (la fin de
       fo:root est retenue par LetterRenderer, qui la referme après le dernier courrier) ;
    2. puis chaque courrier, un par un, qui donne un fo:page-sequence. Données d'un courrier :

    <letter holder="guardian|student" variant="normal|continuity">
      <written-on date="2026-11-29">29 novembre 2026</written-on>
      <sender>
        <name>LYCEE ALBERT TRIBOULET</name>
        <address><line>…</line>…</address>
        <head-name>…</head-name>
      </sender>
      <addressee>
        <salutation>Madame, Monsieur</salutation>
        <lines><line>…</line>…</lines>          (bloc adresse : le nom d'abord)
      </addressee>
      <student-name>…</student-name>
      <of-student>d’Axelle MARTIN</of-student>  (« de » + le nom, élidé devant voyelle ou h : Elision.java)
      <division>1ES3</division>                 (absent si inconnue)
      <code>7KQ4M-2XP9R-TDWAB</code>            (courrier « normal » seulement, jamais en continuité)
      <usable-from date="2026-10-08">08/10/2026</usable-from>
      <url>https://…</url>
      <services><service>Consultation des notes</service>…</services>
      <coupon-reference>…</coupon-reference>    (responsables seulement)
    </letter>
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:fo="http://www.w3.org/1999/XSL/Format">

  <xsl:include href="letter-common.xsl"/>
  <xsl:include href="guardian-letter.xsl"/>
  <xsl:include href="student-letter.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <!-- Début du PDF : la racine et les modèles de page (letter-common.xsl) -->
  <xsl:template match="/document">
    <fo:root>
      <xsl:call-template name="page-masters"/>
    </fo:root>
  </xsl:template>

  <!-- Un courrier = une séquence de pages, numérotée à partir de 1, sans page blanche ajoutée -->
  <xsl:template match="/letter">
    <fo:page-sequence master-reference="letter" initial-page-number="1" force-page-count="no-force"
                      language="fr" country="FR" hyphenate="false"
                      font-family="DejaVu Sans" font-size="9pt" line-height="1.25">
      <xsl:call-template name="continued-page-header"/>
      <fo:flow flow-name="xsl-region-body">
        <xsl:call-template name="header"/>
        <xsl:choose>
          <xsl:when test="@holder = 'guardian'">
            <xsl:call-template name="guardian-letter"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="student-letter"/>
          </xsl:otherwise>
        </xsl:choose>
      </fo:flow>
    </fo:page-sequence>
  </xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  Courrier de notification à l'élève (guide Admin TS §5.3), après l'entête commun.
  Deux cas : « normal » (le code d'activation est indiqué dans le corps) et « continuité d'accès »
  (le code n'est pas repris). Le pied de page est identique pour tous ; pas de coupon de refus.
  Contexte : l'élément <letter> (voir letter.xsl) ; les modèles appelés ici sont dans letter-common.xsl.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:fo="http://www.w3.org/1999/XSL/Format">

  <xsl:template name="student-letter">
    <xsl:choose>
      <xsl:when test="@variant = 'continuity'">
        <xsl:call-template name="student-continuity"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="student-normal"/>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="student-footer"/>
  </xsl:template>

  <!-- §5.3, cas « normal » : le code d'activation est indiqué dans le corps du document -->
  <xsl:template name="student-normal">
    <fo:block xsl:use-attribute-sets="paragraph">
      <xsl:text>Vous trouverez ci-dessous un code à usage unique qui vous permettra de créer un compte internet pour accéder aux services proposés par le </xsl:text>
      <xsl:value-of select="sender/name"/>
      <xsl:text>.</xsl:text>
    </fo:block>

    <!-- §5.3 : le cadre « Code d'Activation Elève », le code, « dès le … » -->
    <xsl:call-template name="code-frame">
      <xsl:with-param name="title">Code d’Activation Elève</xsl:with-param>
    </xsl:call-template>

    <!-- §5.3 : la liste des services dépend du type de courrier (menu « ENT et Courrier de notification », 3.2.2) -->
    <fo:block xsl:use-attribute-sets="paragraph">Vous disposerez alors des services suivants, sous réserve de l’accord de vos responsables légaux&#160;:</fo:block>
    <xsl:call-template name="services"/>

    <xsl:call-template name="connect-at"/>
    <!-- Comment créer le compte : le code ci-dessus et la date de naissance de l'élève -->
    <fo:block xsl:use-attribute-sets="paragraph">Pour créer votre compte, munissez-vous de ce code et de votre date de naissance.</fo:block>
  </xsl:template>

  <!-- §5.3, cas « continuité d'accès » : le code d'activation n'est pas repris dans le corps du document -->
  <xsl:template name="student-continuity">
    <fo:block xsl:use-attribute-sets="paragraph">Je vous informe que vous pouvez continuer cette année d’utiliser ce même compte pour les services suivants, sous réserve de l’accord de vos responsables légaux&#160;:</fo:block>
    <xsl:call-template name="services"/>
    <xsl:call-template name="connect-at"/>
    <xsl:call-template name="usable-from-line"/>
  </xsl:template>

  <!-- §5.3 : « le pied de page est identique pour tous » -->
  <xsl:template name="student-footer">
    <fo:block xsl:use-attribute-sets="paragraph" space-before="4mm">Concernant les règles de bon usage de ces téléservices, merci de vous référer à la charte correspondante jointe au règlement intérieur.</fo:block>
    <fo:block xsl:use-attribute-sets="paragraph" keep-with-previous.within-page="always">Bien cordialement,</fo:block>
    <xsl:call-template name="signature"/>
    <xsl:call-template name="data-protection"/>
  </xsl:template>

</xsl:stylesheet>

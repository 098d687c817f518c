<?xml version="1.0" encoding="UTF-8"?>
<!--
  Courrier de notification au responsable (guide Admin TS §4.4), après l'entête commun.
  Deux cas : « normal » (le code d'activation est indiqué dans le corps) et « continuité d'accès »
  (le code n'est pas repris). Le pied de page et le coupon de refus sont identiques pour tous.
  Contexte : l'élément <letter> (voir letter.xsl) ; les modèles appelés ici sont dans letter-common.xsl.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:fo="http://www.w3.org/1999/XSL/Format">

  <xsl:template name="guardian-letter">
    <xsl:choose>
      <xsl:when test="@variant = 'continuity'">
        <xsl:call-template name="guardian-continuity"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="guardian-normal"/>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="guardian-footer"/>
  </xsl:template>

  <!-- §4.4, cas « normal » : le code d'activation est indiqué dans le corps du document -->
  <xsl:template name="guardian-normal">
    <fo:block xsl:use-attribute-sets="paragraph">
      <xsl:text>Vous trouverez ci-dessous un code à usage unique qui vous permettra de créer un compte internet pour accéder aux services proposés par le </xsl:text>
      <xsl:value-of select="sender/name"/>
      <xsl:text> pour </xsl:text>
      <xsl:value-of select="student-name"/>
      <xsl:call-template name="guardian-division"/>
      <xsl:text>.</xsl:text>
    </fo:block>

    <!-- §4.4 : le cadre « Code d'Activation Responsable », le code, « dès le … » -->
    <xsl:call-template name="code-frame">
      <xsl:with-param name="title">Code d’Activation Responsable</xsl:with-param>
    </xsl:call-template>

    <!-- §4.4 : la liste des services dépend du type de courrier (menu « ENT et Courrier de notification », 3.2.2) -->
    <fo:block xsl:use-attribute-sets="paragraph">Vous disposerez alors des services suivants&#160;:</fo:block>
    <xsl:call-template name="services"/>

    <xsl:call-template name="connect-at"/>
    <!-- Comment créer le compte : le code ci-dessus et la date de naissance de l'élève -->
    <fo:block xsl:use-attribute-sets="paragraph">
      <xsl:text>Pour créer votre compte, munissez-vous de ce code et de la date de naissance </xsl:text>
      <!-- « d’Axelle MARTIN », « de Bruno MARTIN » (élision décidée par Elision.java) -->
      <xsl:value-of select="of-student"/>
      <xsl:text>.</xsl:text>
    </fo:block>
  </xsl:template>

  <!-- §4.4, cas « continuité d'accès » : le code d'activation n'est pas repris dans le corps du document -->
  <xsl:template name="guardian-continuity">
    <fo:block xsl:use-attribute-sets="paragraph">Je vous informe que vous pouvez continuer cette année d’utiliser ce même compte pour les services suivants&#160;:</fo:block>
    <xsl:call-template name="services"/>
    <xsl:call-template name="connect-at"/>
    <xsl:call-template name="usable-from-line"/>
  </xsl:template>

  <!-- « , élève de 1ES3 » : omis quand la division n'est pas connue -->
  <xsl:template name="guardian-division">
    <xsl:if test="string(division)">
      <xsl:text>, élève de </xsl:text>
      <xsl:value-of select="division"/>
    </xsl:if>
  </xsl:template>

  <!-- §4.4 : « le pied de page est identique pour tous » -->
  <xsl:template name="guardian-footer">
    <fo:block xsl:use-attribute-sets="paragraph" space-before="3mm">
      <xsl:text>Si vous ne souhaitez pas utiliser les téléservices, je vous invite à retourner à l’établissement le coupon de refus ci-dessous, renseigné et signé. Dans ce cas l’élève conservera toutefois accès aux applications pédagogiques mises à sa disposition durant le temps scolaire.</xsl:text>
    </fo:block>
    <fo:block xsl:use-attribute-sets="paragraph" keep-with-previous.within-page="always">
      <xsl:text>Veuillez agréer, </xsl:text>
      <xsl:value-of select="addressee/salutation"/>
      <xsl:text>, mes salutations distinguées.</xsl:text>
    </fo:block>
    <xsl:call-template name="signature"/>
    <xsl:call-template name="data-protection"/>
    <xsl:call-template name="refusal-coupon"/>
  </xsl:template>

  <!-- §4.4 : coupon « Refus d'accès aux téléservices », à découper et à rendre à l'établissement.
       La référence permet à l'établissement de retrouver le couple élève / responsable. -->
  <xsl:template name="refusal-coupon">
    <fo:block keep-together.within-page="always" space-before="4mm" padding-bottom="6mm">
      <!-- ligne de découpe -->
      <fo:block text-align-last="justify" font-size="11pt" color="#444444">
        <xsl:text>✂ </xsl:text>
        <fo:leader leader-pattern="rule" rule-style="dashed" rule-thickness="0.6pt"/>
      </fo:block>
      <fo:block font-size="6.5pt" color="#444444" text-align="end" space-before="0.5mm">
        <xsl:text>Référence&#160;: </xsl:text>
        <xsl:value-of select="coupon-reference"/>
      </fo:block>
      <fo:block font-weight="bold" font-size="10pt" text-align="center">Refus d’accès aux téléservices</fo:block>
      <fo:block space-before="2.5mm">
        <xsl:text>Je renonce à l’accès aux téléservices concernant </xsl:text>
        <xsl:value-of select="student-name"/>
        <xsl:call-template name="guardian-division"/>
        <xsl:text> (cocher la ou les options souhaitées)&#160;:</xsl:text>
      </fo:block>
      <fo:block start-indent="8mm" space-before="1.5mm">
        <xsl:text>☐ pour moi-même</xsl:text>
        <fo:leader leader-length="15mm"/>
        <xsl:text>☐ pour l’élève </xsl:text>
        <xsl:value-of select="student-name"/>
      </fo:block>
      <!-- lignes à remplir -->
      <fo:block space-before="4.5mm" text-align-last="justify">
        <xsl:text>Nom et prénom du responsable&#160;: </xsl:text>
        <fo:leader leader-pattern="rule" rule-style="solid" rule-thickness="0.4pt" color="#888888" leader-length.optimum="100%"/>
      </fo:block>
      <fo:block space-before="4.5mm" text-align-last="justify">
        <xsl:text>Date et signature&#160;: </xsl:text>
        <fo:leader leader-pattern="rule" rule-style="solid" rule-thickness="0.4pt" color="#888888" leader-length.optimum="100%"/>
      </fo:block>
    </fo:block>
  </xsl:template>

</xsl:stylesheet>

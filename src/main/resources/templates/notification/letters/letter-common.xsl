<?xml version="1.0" encoding="UTF-8"?>
<!--
  Ce qui est commun aux courriers des responsables et des élèves : mise en page A4, entête (« l'entête est
  identique pour tous », guide §4.4 et §5.3), cadre du code, liste des services, adresse de connexion,
  signature et mention « informatique et libertés ». Inclus par letter.xsl.
  Contexte de chaque modèle : l'élément <letter> (voir letter.xsl).
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:fo="http://www.w3.org/1999/XSL/Format">

  <!-- Paragraphe du corps du courrier -->
  <xsl:attribute-set name="paragraph">
    <xsl:attribute name="space-before">2mm</xsl:attribute>
  </xsl:attribute-set>

  <!-- Signature : moitié droite de la page -->
  <xsl:attribute-set name="signature">
    <xsl:attribute name="start-indent">100mm</xsl:attribute>
  </xsl:attribute-set>

  <!-- ===================================================================================== mise en page -->
  <!-- A4 portrait. Première page : l'entête et le bloc adresse. Pages suivantes (si un courrier déborde) :
       un rappel en haut de page. -->
  <xsl:template name="page-masters">
    <fo:layout-master-set>
      <fo:simple-page-master master-name="letter-first" page-width="210mm" page-height="297mm"
                             margin-top="12mm" margin-bottom="10mm" margin-left="20mm" margin-right="18mm">
        <fo:region-body/>
      </fo:simple-page-master>
      <fo:simple-page-master master-name="letter-rest" page-width="210mm" page-height="297mm"
                             margin-top="12mm" margin-bottom="10mm" margin-left="20mm" margin-right="18mm">
        <fo:region-body margin-top="12mm"/>
        <fo:region-before region-name="letter-continued" extent="8mm"/>
      </fo:simple-page-master>
      <fo:page-sequence-master master-name="letter">
        <fo:repeatable-page-master-alternatives>
          <fo:conditional-page-master-reference master-reference="letter-first" page-position="first"/>
          <fo:conditional-page-master-reference master-reference="letter-rest" page-position="rest"/>
        </fo:repeatable-page-master-alternatives>
      </fo:page-sequence-master>
    </fo:layout-master-set>
  </xsl:template>

  <!-- Haut des pages suivantes d'un même courrier (numéro de page dans le courrier, jamais « page x sur y ») -->
  <xsl:template name="continued-page-header">
    <fo:static-content flow-name="letter-continued">
      <fo:block font-size="7.5pt" color="#555555" text-align="end">
        <xsl:value-of select="addressee/lines/line[1]"/>
        <xsl:text> – suite du courrier, page </xsl:text>
        <fo:page-number/>
      </fo:block>
    </fo:static-content>
  </xsl:template>

  <!-- ========================================================================================== entête -->
  <!-- Entête identique pour tous : l'établissement en haut à gauche, le destinataire à droite à la place
       de la fenêtre d'une enveloppe DL (environ 110 mm du bord gauche, 50 mm du haut de la feuille),
       puis la date, l'objet et l'appel. -->
  <xsl:template name="header">
    <fo:table table-layout="fixed" width="100%">
      <fo:table-column column-width="90mm"/>
      <fo:table-column column-width="proportional-column-width(1)"/>
      <fo:table-body>
        <fo:table-row>
          <fo:table-cell>
            <fo:block font-weight="bold" font-size="10.5pt">
              <xsl:value-of select="sender/name"/>
            </fo:block>
            <xsl:for-each select="sender/address/line">
              <fo:block><xsl:value-of select="."/></fo:block>
            </xsl:for-each>
          </fo:table-cell>
          <!-- 12 mm de marge de page + 38 mm = 50 mm du haut de la feuille -->
          <fo:table-cell padding-top="38mm">
            <xsl:for-each select="addressee/lines/line">
              <fo:block font-size="10pt"><xsl:value-of select="."/></fo:block>
            </xsl:for-each>
            <xsl:if test="not(addressee/lines/line)">
              <fo:block/>
            </xsl:if>
          </fo:table-cell>
        </fo:table-row>
      </fo:table-body>
    </fo:table>

    <!-- Lieu et date : « Le 29 novembre 2026 » -->
    <fo:block text-align="end" space-before="5mm">
      <xsl:text>Le </xsl:text>
      <xsl:value-of select="written-on"/>
    </fo:block>

    <!-- Objet -->
    <fo:block space-before="4mm">
      <fo:inline font-weight="bold">Objet&#160;:</fo:inline>
      <xsl:text> accès aux téléservices</xsl:text>
    </fo:block>

    <!-- Appel : « Madame, Monsieur, » -->
    <fo:block space-before="4mm">
      <xsl:value-of select="addressee/salutation"/>
      <xsl:text>,</xsl:text>
    </fo:block>
  </xsl:template>

  <!-- ====================================================================================== corps commun -->
  <!-- Cadre du code (courrier « normal ») : le titre est donné par le courrier (« Code d’Activation
       Responsable » ou « Code d’Activation Elève »), puis le code et la date « dès le ». -->
  <xsl:template name="code-frame">
    <xsl:param name="title"/>
    <fo:block margin-left="30mm" margin-right="30mm" space-before="3mm" space-after="1mm"
              border="0.8pt solid #000000" padding="1.5mm" text-align="center"
              keep-together.within-page="always">
      <fo:block font-weight="bold" font-size="10pt">
        <xsl:value-of select="$title"/>
      </fo:block>
      <fo:block font-weight="bold" font-size="16pt" letter-spacing="1pt" space-before="1mm" space-after="1mm">
        <xsl:value-of select="code"/>
      </fo:block>
      <fo:block>
        <xsl:text>dès le </xsl:text>
        <xsl:value-of select="usable-from"/>
      </fo:block>
    </fo:block>
  </xsl:template>

  <!-- Liste des services, à puces, sur deux colonnes comme dans le guide (ligne par ligne) -->
  <xsl:template name="services">
    <xsl:if test="services/service">
      <fo:table table-layout="fixed" width="100%" space-before="1mm" keep-with-previous.within-page="always">
        <fo:table-column column-width="proportional-column-width(1)"/>
        <fo:table-column column-width="proportional-column-width(1)"/>
        <fo:table-body>
          <xsl:for-each select="services/service[position() mod 2 = 1]">
            <fo:table-row>
              <fo:table-cell padding-end="3mm">
                <xsl:call-template name="bullet"/>
              </fo:table-cell>
              <fo:table-cell>
                <xsl:choose>
                  <xsl:when test="following-sibling::service[1]">
                    <xsl:for-each select="following-sibling::service[1]">
                      <xsl:call-template name="bullet"/>
                    </xsl:for-each>
                  </xsl:when>
                  <xsl:otherwise>
                    <fo:block/>
                  </xsl:otherwise>
                </xsl:choose>
              </fo:table-cell>
            </fo:table-row>
          </xsl:for-each>
        </fo:table-body>
      </fo:table>
    </xsl:if>
  </xsl:template>

  <!-- Un service (contexte : <service>) -->
  <xsl:template name="bullet">
    <fo:list-block provisional-distance-between-starts="5mm" provisional-label-separation="1.5mm"
                   space-before="0.5mm">
      <fo:list-item>
        <fo:list-item-label end-indent="label-end()">
          <fo:block>•</fo:block>
        </fo:list-item-label>
        <fo:list-item-body start-indent="body-start()">
          <fo:block><xsl:value-of select="."/></fo:block>
        </fo:list-item-body>
      </fo:list-item>
    </fo:list-block>
  </xsl:template>

  <!-- « Pour cela, il suffit de vous connecter à l’adresse suivante : https://… » (guide §4.4 et §5.3) -->
  <xsl:template name="connect-at">
    <fo:block xsl:use-attribute-sets="paragraph" keep-with-previous.within-page="always">
      <xsl:text>Pour cela, il suffit de vous connecter à l’adresse suivante&#160;: </xsl:text>
      <xsl:call-template name="url"/>
    </fo:block>
  </xsl:template>

  <!-- L'adresse de connexion, cliquable dans le PDF quand c'est une adresse web -->
  <xsl:template name="url">
    <xsl:choose>
      <xsl:when test="starts-with(url, 'https://') or starts-with(url, 'http://')">
        <fo:basic-link external-destination="{url}" font-weight="bold">
          <xsl:value-of select="url"/>
        </fo:basic-link>
      </xsl:when>
      <xsl:otherwise>
        <fo:inline font-weight="bold"><xsl:value-of select="url"/></fo:inline>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Cas « continuité d’accès » : « dès le 08/10/2026 » après l'adresse -->
  <xsl:template name="usable-from-line">
    <fo:block keep-with-previous.within-page="always">
      <xsl:text>dès le </xsl:text>
      <xsl:value-of select="usable-from"/>
    </fo:block>
  </xsl:template>

  <!-- ====================================================================================== pied commun -->
  <!-- Signature : « Le chef d’établissement, » et son nom, avec la place de signer -->
  <xsl:template name="signature">
    <fo:block xsl:use-attribute-sets="signature" space-before="3mm" keep-with-previous.within-page="always">
      <xsl:text>Le chef d’établissement,</xsl:text>
    </fo:block>
    <fo:block xsl:use-attribute-sets="signature" space-before="7mm" keep-with-previous.within-page="always">
      <xsl:value-of select="sender/head-name"/>
    </fo:block>
  </xsl:template>

  <!-- Mention « informatique et libertés » (guide §4.4 et §5.3, identique pour tous) -->
  <xsl:template name="data-protection">
    <fo:block font-size="6.5pt" space-before="3mm" text-align="justify" keep-with-previous.within-page="always">
      Conformément à la loi «&#160;informatique et libertés&#160;» du 6 janvier 1978 modifiée en 2004,
      vous bénéficiez d’un droit d’accès et de rectification aux informations qui vous concernent,
      que vous pouvez exercer en vous adressant au chef d’établissement.
    </fo:block>
  </xsl:template>

</xsl:stylesheet>

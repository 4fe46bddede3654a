import express, { type Router } from 'express';
import { html, type SafeHtml } from '../html';
import { layout, type PageContext } from './layout';
import { ctx } from './page-kit';
import { formatDate, t, th } from '../i18n';
import { msg } from '../../shared/i18n';

export interface SiteInfo {
  /** Who to write to about accessibility (ACCESSIBILITY_CONTACT): an e-mail address or a web address. */
  accessibilityContact?: string | undefined;
}

/** When this declaration was last established (kept by hand, with its content). */
const ESTABLISHED = new Date('2026-12-06T12:00:00Z');

/** The pages every test visits are audited by axe-core: these are the ones they cover. */
const TESTED_PAGES = [
  msg('la page d’accueil (liste des projets de loi)'), msg('un projet de loi et son sommaire'), msg('un article, ses annotations et ses votes'),
  msg('la liste des amendements d’un article et les classements'), msg('un amendement, ses révisions, sa décision et ses arguments'),
  msg('la rédaction d’un amendement (éditeur en direct et formulaire sans JavaScript)'), msg('la recherche'),
  msg('la connexion, l’inscription, le mot de passe oublié et « Mon compte »'), msg('les notifications'), msg('l’historique d’un texte et d’un article'),
  msg('le texte adopté, le tableau comparatif'), msg('le bureau du greffe et la mise en forme'), msg('le tableau de bord de la commission'), msg('le tirage au sort'),
  msg('la cartographie des opinions'), msg('la console d’administration'), msg('le journal de la modération'), msg('le glossaire, cette déclaration et le plan du site'),
];

function contactLine(contact: string | undefined): SafeHtml {
  if (!contact) {
    return html`<p>${t('Écrivez à l’équipe qui exploite ce site (son adresse figure dans ses mentions légales), ou signalez le contenu en cause avec le bouton « Signaler » présent sous chaque contribution : les modérateurs transmettent.')}</p>`;
  }
  const href = /^https?:\/\//.test(contact) ? contact : `mailto:${contact}`;
  return html`<p>${t('Écrivez-nous :')} <a href="${href}">${contact}</a>.</p>`;
}

/** « Déclaration d’accessibilité », in the structure RGAA 4.1 asks for. */
export function accessibilityPage(c: PageContext, info: SiteInfo): string {
  return layout(c, {
    title: t('Déclaration d’accessibilité'),
    breadcrumb: html`<a href="/">${t('Projets de loi')}</a> › ${t('Déclaration d’accessibilité')}`,
    main: html`<h1>${t('Déclaration d’accessibilité')}</h1>
      <p>${t('Les personnes qui exploitent Palimpseste s’engagent à rendre ce site accessible conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005. Cette déclaration s’applique au site Palimpseste et à son interface de programmation documentée.')}</p>

      <section aria-labelledby="etat"><h2 id="etat">${t('État de conformité')}</h2>
        <p>${t('Palimpseste est')} <strong>${t('partiellement conforme')}</strong> ${t('avec le référentiel général d’amélioration de l’accessibilité (RGAA), version 4.1, en raison des non-conformités et des dérogations énumérées ci-dessous.')}</p>
      </section>

      <section aria-labelledby="resultats-tests"><h2 id="resultats-tests">${t('Résultats des tests')}</h2>
        <p>${t('Aucun audit complet des 106 critères du RGAA n’a encore été mené par un tiers : le taux de conformité n’est donc pas encore établi. Les vérifications faites à ce jour sont les suivantes.')}</p>
        <ul>
          <li>${t('À chaque modification du code, les tests automatisés parcourent le site dans un navigateur et soumettent')} <strong>${t('chaque page visitée')}</strong> ${t('à l’outil axe-core, sur les règles des niveaux A et AA des WCAG 2.1 :')} <strong>${t('aucune erreur')}</strong> ${t('n’est tolérée.')}</li>
          <li>${t('Les pages s’affichent sans défilement horizontal sur un écran de 320 pixels de large et avec un zoom de 200 % (un tableau de données ou un extrait de code défile, le cas échéant, dans son propre cadre).')}</li>
          <li>${t('Tout se fait au clavier ; les pages de lecture fonctionnent sans JavaScript ; les différences entre deux textes sont dites en toutes lettres (« ajouté », « supprimé ») et jamais par la seule couleur.')}</li>
        </ul>
        <p>${t('Pages couvertes par les tests automatisés :')}</p>
        <ul>${TESTED_PAGES.map((p) => html`<li>${t(p)}</li>`)}</ul>
      </section>

      <section aria-labelledby="non-accessibles"><h2 id="non-accessibles">${t('Contenus non accessibles')}</h2>
        <h3>${t('Non-conformités')}</h3>
        <p>${t('Les tests automatisés ne relèvent à ce jour aucune erreur. Restent à auditer :')}</p>
        <ul>
          <li>${t('les critères que les outils automatiques ne peuvent pas juger (pertinence des alternatives textuelles, des titres, des intitulés de liens, ordre de lecture) ;')}</li>
          <li>${t('la restitution par les lecteurs d’écran de l’éditeur en direct d’un amendement (rédaction à plusieurs) ; le formulaire de l’espace des auteurs, qui fonctionne sans JavaScript, permet d’écrire le même amendement.')}</li>
        </ul>
        <h3>${t('Dérogations pour charge disproportionnée')}</h3>
        <p>${t('Aucune.')}</p>
        <h3>${t('Contenus non soumis à l’obligation d’accessibilité')}</h3>
        <ul>
          <li>${t('Les fichiers déposés ou importés par des tiers (textes du Parlement, pièces jointes) tels qu’ils sont fournis ; leur texte est repris dans les pages du site.')}</li>
          <li>${t('Les contenus de tiers qui ne sont ni financés ni développés par l’exploitant, ni sous son contrôle.')}</li>
        </ul>
      </section>

      <section aria-labelledby="etablissement"><h2 id="etablissement">${t('Établissement de cette déclaration d’accessibilité')}</h2>
        <p>${t('Cette déclaration a été établie le {{date}}.', { date: formatDate(ESTABLISHED) })}</p>
        <h3>${t('Technologies utilisées pour la réalisation du site')}</h3>
        <ul><li>${t('HTML5')}</li><li>${t('CSS')}</li><li>${t('WAI-ARIA')}</li><li>${t('JavaScript (facultatif pour lire et participer, sauf l’éditeur en direct)')}</li></ul>
        <h3>${t('Environnement de test')}</h3>
        <p>${t('Les vérifications ont été faites avec Chromium (sans interface, piloté par Playwright) et axe-core, sur Linux, aux largeurs de 1 280, 375 et 320 pixels.')}</p>
        <h3>${t('Outils pour évaluer l’accessibilité')}</h3>
        <ul><li>${t('axe-core (règles WCAG 2.1 niveaux A et AA)')}</li><li>${t('Navigation au clavier seul')}</li><li>${t('Affichage à 320 pixels de large et zoom à 200 %')}</li></ul>
      </section>

      <section aria-labelledby="retour"><h2 id="retour">${t('Retour d’information et contact')}</h2>
        <p>${t('Si vous n’arrivez pas à accéder à un contenu ou à un service, contactez-nous pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme.')}</p>
        ${contactLine(info.accessibilityContact)}
      </section>

      <section aria-labelledby="recours"><h2 id="recours">${t('Voies de recours')}</h2>
        <p>${t('Si vous avez signalé un défaut d’accessibilité qui vous empêche d’accéder à un contenu ou à un des services du site et que vous n’avez pas obtenu de réponse satisfaisante, vous pouvez :')}</p>
        <ul>
          <li>${t('écrire un message au')} <a href="https://formulaire.defenseurdesdroits.fr/" lang="fr">Défenseur des droits</a> ;</li>
          <li>${t('contacter')} <a href="https://www.defenseurdesdroits.fr/saisir/delegues">${th('le délégué du {{nom}} dans votre région', { nom: html`<span lang="fr">Défenseur des droits</span>` })}</a> ;</li>
          <li>${th('envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : {{adresse}}.', { adresse: html`<span lang="fr">Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07</span>` })}</li>
        </ul>
      </section>`,
  });
}

/** The sections of the site, for whoever prefers a list to the menus. */
const SECTIONS: { title: string; links: { href: string; label: string; hint?: string }[] }[] = [
  {
    title: msg('Lire et participer'),
    links: [
      { href: '/', label: msg('Projets de loi'), hint: msg('chaque texte, ses articles, ses amendements, son historique') },
      { href: '/recherche', label: msg('Rechercher'), hint: msg('dans les textes, les amendements, les arguments et les contributeurs') },
      { href: '/classements', label: msg('Classements des amendements') },
      { href: '/glossaire', label: msg('Glossaire de la procédure') },
    ],
  },
  {
    title: msg('Votre compte'),
    links: [
      { href: '/connexion', label: msg('Se connecter') },
      { href: '/inscription', label: msg('Créer un compte') },
      { href: '/mot-de-passe-oublie', label: msg('Mot de passe oublié') },
      { href: '/compte', label: msg('Mon compte'), hint: msg('adresse, mot de passe, courriels, suppression du compte') },
      { href: '/notifications', label: msg('Notifications') },
    ],
  },
  {
    title: msg('Transparence'),
    links: [
      { href: '/moderation', label: msg('Journal de la modération') },
      { href: '/api/openapi.json', label: msg('API ouverte (description OpenAPI)') },
    ],
  },
  {
    title: msg('À propos du site'),
    links: [
      { href: '/accessibilite', label: msg('Déclaration d’accessibilité') },
      { href: '/plan-du-site', label: msg('Plan du site') },
    ],
  },
];

export function siteMapPage(c: PageContext): string {
  return layout(c, {
    title: t('Plan du site'),
    breadcrumb: html`<a href="/">${t('Projets de loi')}</a> › ${t('Plan du site')}`,
    main: html`<h1>${t('Plan du site')}</h1>
      <p>${t('Chaque projet de loi a ses propres pages (articles, amendements, historique, participation, texte adopté) : on y accède depuis la liste des projets de loi.')}</p>
      ${SECTIONS.map((s, i) => html`<section aria-labelledby="plan-${i}"><h2 id="plan-${i}">${t(s.title)}</h2>
        <ul class="site-map">${s.links.map((l) => html`<li><a href="${l.href}">${t(l.label)}</a>${l.hint ? html` — ${t(l.hint)}` : ''}</li>`)}</ul></section>`)}`,
  });
}

/** /accessibilite and /plan-du-site, linked from every page's footer. */
export function siteInfoPages(info: SiteInfo): Router {
  const r = express.Router();
  r.get('/accessibilite', (req, res) => void res.type('html').send(accessibilityPage(ctx(req), info)));
  r.get('/plan-du-site', (req, res) => void res.type('html').send(siteMapPage(ctx(req))));
  return r;
}

/**
 * English for the domain commands' messages (server/commands/*.ts): their refusals, the reasons
 * they give and the notifications they send. The API keeps them French (API.md); pages say them
 * through `tMessage`, which reads a filled message back from its key here (the key with the most
 * fixed text first, so that « … : {{raison}}. » and « … : {{raison}} » each read their own).
 */
export const commands: Record<string, string> = {
  // server/commands/account-mail.ts
  "Session terminée.": "Session ended.",
  // server/commands/add-coauthor.ts
  "Ce compte n’existe pas.": "This account does not exist.",
  "Aucun compte ne s’appelle « {{nom}} ».": "No account is called “{{nom}}”.",
  "Plusieurs comptes s’appellent « {{nom}} » : envoyez plutôt un lien d’invitation.": "Several accounts are called “{{nom}}”: send an invitation link instead.",
  "Les co-auteurs se joignent avant le dépôt.": "Co-authors join before the amendment is tabled.",
  "{{acteur}} vous a ajouté aux co-auteurs d’un brouillon d’amendement à l’article {{article}} : vous pouvez l’écrire ensemble, en direct.": "{{acteur}} added you to the co-authors of a draft amendment to article {{article}}: you can write it together, live.",
  // server/commands/amendment-access.ts
  "Amendement introuvable.": "Amendment not found.",
  "Seuls les auteurs de l’amendement peuvent faire cela.": "Only the amendment’s authors can do this.",
  "{{action}} : ce brouillon a été commencé pendant la consultation, qui est close.": "{{action}}: this draft was started during the consultation, which is closed.",
  // server/commands/annotate.ts
  "L’article n’a pas de version {{version}}.": "The article has no version {{version}}.",
  "Annotation introuvable.": "Annotation not found.",
  // server/commands/assign-clerk.ts
  "Cette personne n’est pas greffier.": "This person is not a clerk.",
  "pas un greffier": "not a clerk",
  "{{acteur}}, du greffe, a pris en charge la mise en forme de {{amendement}} : vous pouvez l’écrire avec elle ou lui dans l’espace de mise en forme.": "{{acteur}}, of the clerks, has taken charge of the legal drafting of {{amendement}}: you can write it with them in the legal drafting space.",
  "{{nom}} a repris {{amendement}}, dont vous aviez la charge et l’a confié à {{greffier}}. Vous suivez désormais sa mise en forme en lecture seule.": "{{nom}} took over {{amendement}}, which you were in charge of, and entrusted it to {{greffier}}. You now follow its legal drafting read-only.",
  "{{nom}} a repris {{amendement}}, dont vous aviez la charge et l’a laissé sans greffier. Vous suivez désormais sa mise en forme en lecture seule.": "{{nom}} took over {{amendement}}, which you were in charge of, and left it without a clerk. You now follow its legal drafting read-only.",
  "{{nom}} a repris {{amendement}}, dont vous aviez la charge. Vous suivez désormais sa mise en forme en lecture seule.": "{{nom}} took over {{amendement}}, which you were in charge of. You now follow its legal drafting read-only.",
  "un autre greffier": "another clerk",
  // server/commands/cast-vote.ts
  "Argument introuvable.": "Argument not found.",
  "Les votes sont clos.": "Voting is closed.",
  "Les amendements parlementaires ne sont pas soumis au vote des citoyens.": "Parliamentary amendments are not put to the citizens’ vote.",
  "Cette contribution a été masquée par la modération.": "This contribution was hidden by moderation.",
  // server/commands/change-bill-status.ts
  "Impossible de passer de la phase « {{de}} » à « {{vers}} » : les phases avancent une à une.": "Cannot go from the “{{de}}” phase to “{{vers}}”: phases move forward one at a time.",
  // server/commands/claim-contributions.ts
  "Ce code ne correspond à aucune contribution à récupérer : vérifiez-le auprès de la structure qui vous l’a remis.": "This code matches no contribution to claim: check it with the organisation that gave it to you.",
  "Ce code a déjà servi : la contribution a été récupérée.": "This code has already been used: the contribution was claimed.",
  "Ce code est à remettre à la personne pour qui vous avez contribué : c’est elle qui le saisit, depuis son propre compte.": "This code is for the person you contributed for: they enter it themselves, from their own account.",
  // server/commands/clerk-access.ts
  "{{action}} : l’amendement est « {{statut}} ».": "{{action}}: the amendment is “{{statut}}”.",
  "l’amendement n° {{numero}} (article {{article}})": "amendment no. {{numero}} (article {{article}})",
  // server/commands/commission-members.ts
  "{{acteur}} vous a nommé membre de la commission du texte « {{texte}} », collège « {{college}} ». Vous y votez sur les amendements dans l’ordre d’examen.": "{{acteur}} appointed you a member of the commission on the text “{{texte}}”, college “{{college}}”. You vote there on the amendments in the order of examination.",
  "Cette personne n’est pas membre de la commission.": "This person is not a member of the commission.",
  "{{acteur}} vous a retiré de la commission du texte « {{texte}} » : vous n’y votez plus, et vos votes déjà exprimés ne comptent plus.": "{{acteur}} removed you from the commission on the text “{{texte}}”: you no longer vote there, and the votes you already cast no longer count.",
  // server/commands/commission-vote.ts
  "Cet amendement est « {{statut}} » : il n’est plus soumis au vote.": "This amendment is “{{statut}}”: it is no longer put to the vote.",
  // server/commands/cosign.ts
  "Un amendement déposé au Parlement se cosigne au Parlement, pas ici.": "An amendment tabled in Parliament is co-signed in Parliament, not here.",
  "Cet amendement n’est plus ouvert : il ne peut plus être cosigné.": "This amendment is no longer open: it can no longer be co-signed.",
  "Un amendement masqué par la modération ne peut pas être cosigné.": "An amendment hidden by moderation cannot be co-signed.",
  "Vous êtes déjà l’un des auteurs de cet amendement.": "You are already one of the authors of this amendment.",
  "Cet amendement n’est plus ouvert : ses cosignatures sont figées.": "This amendment is no longer open: its co-signatures are frozen.",
  "Vous ne cosignez pas cet amendement.": "You do not co-sign this amendment.",
  // server/commands/decide-amendment.ts
  "Il est incompatible avec l’amendement n° {{numero}} déjà adopté : {{raison}}": "It is incompatible with amendment no. {{numero}}, already adopted: {{raison}}",
  "Il est incompatible avec un amendement déjà adopté : {{raison}}": "It is incompatible with an amendment already adopted: {{raison}}",
  "La raison est trop longue : 2 000 caractères au plus.": "The reason is too long: 2,000 characters at most.",
  "trop longue": "too long",
  "Donnez la raison publique pour laquelle la commission n’examine pas cet amendement.": "Give the public reason why the commission does not examine this amendment.",
  "obligatoire": "required",
  "La commission décide pendant la phase « Commission ».": "The commission decides during the “Commission” phase.",
  "Cet amendement est « {{statut}} » : il n’y a plus rien à décider.": "This amendment is “{{statut}}”: there is nothing left to decide.",
  "L’amendement n° {{numero}} vient de changer : rechargez la page avant de décider.": "Amendment no. {{numero}} has just changed: reload the page before deciding.",
  "Impossible d’adopter l’amendement n° {{numero}} : l’amendement n° {{parent}} est « {{statut}} ».": "Cannot adopt amendment no. {{numero}}: amendment no. {{parent}} is “{{statut}}”.",
  "Impossible d’adopter l’amendement n° {{numero}} : {{raison}}.": "Cannot adopt amendment no. {{numero}}: {{raison}}.",
  "Impossible d’adopter l’amendement n° {{numero}} : {{raison}}": "Cannot adopt amendment no. {{numero}}: {{raison}}",
  "L’amendement n° {{numero}} est tombé : {{raison}}": "Amendment no. {{numero}} has fallen: {{raison}}",
  "L’amendement que ce sous-amendement modifie est introuvable.": "The amendment this sub-amendment changes cannot be found.",
  "depuis l’adoption du sous-amendement n° {{numero}}, il ne s’applique plus à l’amendement n° {{parent}} : {{raison}}.": "since the adoption of sub-amendment no. {{numero}}, it no longer applies to amendment no. {{parent}}: {{raison}}.",
  "La commission a clos l’amendement n° {{numero}} sans l’examiner : {{raison}}": "The commission closed amendment no. {{numero}} without examining it: {{raison}}",
  "La commission a adopté l’amendement n° {{numero}} {{comment}} ; votes de ses membres : pour {{pour}}, contre {{contre}}, abstentions {{abstentions}}.": "The commission adopted amendment no. {{numero}} {{comment}}; its members’ votes: for {{pour}}, against {{contre}}, abstentions {{abstentions}}.",
  "La commission a rejeté l’amendement n° {{numero}} {{comment}} ; votes de ses membres : pour {{pour}}, contre {{contre}}, abstentions {{abstentions}}.": "The commission rejected amendment no. {{numero}} {{comment}}; its members’ votes: for {{pour}}, against {{contre}}, abstentions {{abstentions}}.",
  "La commission a adopté l’amendement n° {{numero}} {{comment}}.": "The commission adopted amendment no. {{numero}} {{comment}}.",
  "La commission a rejeté l’amendement n° {{numero}} {{comment}}.": "The commission rejected amendment no. {{numero}} {{comment}}.",
  // server/commands/declare-inadmissible.ts
  "Le greffe a déclaré {{amendement}} irrecevable — {{motif}} : {{raison}}": "The clerks declared {{amendement}} inadmissible — {{motif}}: {{raison}}",
  // server/commands/delete-account.ts
  "Votre compte n’a pas de mot de passe : définissez-en un (« Mot de passe oublié » sur la page de connexion), puis confirmez la suppression avec lui.": "Your account has no password: set one (“Forgotten password” on the sign-in page), then confirm the deletion with it.",
  "Mot de passe incorrect : votre compte n’a pas été supprimé.": "Wrong password: your account was not deleted.",
  "Vous êtes la seule personne administratrice : nommez-en une autre avant de supprimer votre compte.": "You are the only administrator: appoint another one before deleting your account.",
  // server/commands/draft-comments.ts
  "Un amendement de suppression n’a pas de texte à commenter.": "A deletion amendment has no text to comment on.",
  "Ce passage n’existe pas dans l’alinéa {{alinea}} du brouillon.": "This passage does not exist in paragraph {{alinea}} of the draft.",
  "Commentaire introuvable.": "Comment not found.",
  // server/commands/edit-amendment.ts
  "Un amendement déposé ne peut plus être modifié : son texte est figé.": "A tabled amendment can no longer be changed: its text is frozen.",
  // server/commands/formalisation-workspace.ts
  "L’espace de mise en forme est réservé aux greffiers et aux auteurs de l’amendement.": "The legal drafting space is for the clerks and the amendment’s authors only.",
  // server/commands/formalise-amendment.ts
  "Le greffe a mis en forme {{amendement}} : comparez votre texte et le texte mis en forme. Note du greffe : {{note}}": "The clerks put {{amendement}} into legal form: compare your text with the text in legal form. Clerks’ note: {{note}}",
  "Le greffe a mis en forme {{amendement}} : comparez votre texte et le texte mis en forme.": "The clerks put {{amendement}} into legal form: compare your text with the text in legal form.",
  // server/commands/hearings.ts
  "Audition introuvable.": "Hearing not found.",
  "Cet article n’est pas un article de ce projet de loi.": "This article is not an article of this bill.",
  "article d’un autre texte": "article of another text",
  "Le compte rendu dépasse {{mo}} Mo.": "The minutes exceed {{mo}} MB.",
  "Compte rendu refusé : annoncé comme {{annonce}}, son contenu est {{detecte}}.": "Minutes refused: announced as {{annonce}}, their content is {{detecte}}.",
  "Compte rendu refusé : {{raison}}. Envoyez un PDF ou un fichier texte.": "Minutes refused: {{raison}}. Send a PDF or a text file.",
  // server/commands/import-parliament-amendments.ts
  "déjà importé": "already imported",
  "version antérieure : « {{numero}} » est déjà importé": "earlier version: “{{numero}}” is already imported",
  "dispositif vide": "empty operative text",
  "sous-amendement de l’amendement n° {{numero}}, absent de ce texte": "sub-amendment to amendment no. {{numero}}, which is not in this text",
  "article visé illisible": "target article unreadable",
  "aucun article {{numero}} dans ce projet de loi": "no article {{numero}} in this bill",
  "adopté, mais il ne s’applique pas à l’amendement n° {{numero}} : {{raison}}": "adopted, but it does not apply to amendment no. {{numero}}: {{raison}}",
  // server/commands/interest-representatives.ts
  "Seules les organisations peuvent se déclarer représentants d’intérêts : ce compte est celui d’une personne.": "Only organisations can declare themselves interest representatives: this account is a person’s.",
  "Aucune déclaration de représentant d’intérêts en vigueur pour ce compte.": "No interest representative declaration in force for this account.",
  "Choisissez une organisation déclarée comme représentant d’intérêts.": "Choose an organisation declared as an interest representative.",
  "pas un représentant d’intérêts déclaré": "not a declared interest representative",
  "Cet amendement est déjà signalé comme inspiré par {{representant}}.": "This amendment is already marked as inspired by {{representant}}.",
  "Cet amendement n’est pas signalé comme inspiré par ce représentant.": "This amendment is not marked as inspired by this representative.",
  // server/commands/invitations.ts
  "On invite des co-auteurs avant le dépôt.": "Co-authors are invited before the amendment is tabled.",
  "Ce lien d’invitation n’existe pas ou a expiré.": "This invitation link does not exist or has expired.",
  "Cet amendement n’existe plus.": "This amendment no longer exists.",
  "Cet amendement a déjà été déposé : il n’accueille plus de co-auteurs.": "This amendment has already been tabled: it takes no more co-authors.",
  // server/commands/moderate.ts
  "Contribution introuvable.": "Contribution not found.",
  "Vous avez déjà signalé cette contribution.": "You have already reported this contribution.",
  "Votre amendement a été masqué par {{acteur}} (modération) — {{raison}}. Vous pouvez faire appel : un autre modérateur réexaminera la décision.": "Your amendment was hidden by {{acteur}} (moderation) — {{raison}}. You can appeal: another moderator will review the decision.",
  "Votre argument a été masqué par {{acteur}} (modération) — {{raison}}. Vous pouvez faire appel : un autre modérateur réexaminera la décision.": "Your argument was hidden by {{acteur}} (moderation) — {{raison}}. You can appeal: another moderator will review the decision.",
  "Votre annotation a été masquée par {{acteur}} (modération) — {{raison}}. Vous pouvez faire appel : un autre modérateur réexaminera la décision.": "Your annotation was hidden by {{acteur}} (moderation) — {{raison}}. You can appeal: another moderator will review the decision.",
  "Votre réponse a été masquée par {{acteur}} (modération) — {{raison}}. Vous pouvez faire appel : un autre modérateur réexaminera la décision.": "Your reply was hidden by {{acteur}} (moderation) — {{raison}}. You can appeal: another moderator will review the decision.",
  "Cette contribution est déjà masquée.": "This contribution is already hidden.",
  "Cette contribution n’est pas masquée.": "This contribution is not hidden.",
  "Cette contribution est masquée : rétablissez-la plutôt.": "This contribution is hidden: restore it instead.",
  "Donnez une raison publique ou une règle de la charte.": "Give a public reason or a rule of the charter.",
  "requis pour masquer": "required to hide",
  "règle « {{regle}} » : {{raison}}": "rule “{{regle}}”: {{raison}}",
  "règle « {{regle}} »": "rule “{{regle}}”",
  // server/commands/moderation-appeals.ts
  "Seules les décisions de masquer une contribution ou de suspendre un compte peuvent faire l’objet d’un appel.": "Only decisions to hide a contribution or to suspend an account can be appealed.",
  "Cette décision n’est plus en vigueur : la contribution n’est plus masquée (ou le compte plus suspendu) par elle.": "This decision is no longer in force: the contribution is no longer hidden (or the account no longer suspended) by it.",
  "Cette décision a déjà fait l’objet d’un appel : on ne fait appel qu’une fois.": "This decision has already been appealed: a decision is appealed only once.",
  "Appel introuvable.": "Appeal not found.",
  "Cet appel a déjà été tranché.": "This appeal has already been decided.",
  "Cette décision n’est plus en vigueur : il n’y a plus rien à confirmer ni à annuler.": "This decision is no longer in force: there is nothing left to uphold or overturn.",
  "Votre appel a été examiné par {{acteur}} : la décision de masquer votre contribution est confirmée — {{raison}}.": "Your appeal was examined by {{acteur}}: the decision to hide your contribution is upheld — {{raison}}.",
  "Votre appel a été accepté par {{acteur}} : votre contribution est rétablie — {{raison}}.": "Your appeal was accepted by {{acteur}}: your contribution is restored — {{raison}}.",
  // server/commands/on-behalf.ts
  "Contribuer pour une personne ou un atelier : votre structure de médiation n’est pas déclarée.": "Contribute for a person or a workshop: your mediation organisation is not declared.",
  // server/commands/parse-bill-input.ts
  "Le document Akoma Ntoso n’est pas un projet de loi lisible : voir le détail.": "The Akoma Ntoso document is not a readable bill: see the details.",
  "Le texte du projet de loi est invalide : voir le détail ligne par ligne.": "The bill’s text is invalid: see the details line by line.",
  "L’intitulé du texte est trop long : {{max}} caractères au plus (la première ligne du texte est son intitulé).": "The text’s title is too long: {{max}} characters at most (the first line of the text is its title).",
  "intitulé trop long": "title too long",
  // server/commands/post-argument.ts
  "On argumente sur un amendement déposé, pas sur un brouillon.": "Arguments are posted on a tabled amendment, not on a draft.",
  "Cet amendement n’est plus en discussion.": "This amendment is no longer under discussion.",
  // server/commands/remove-coauthor.ts
  "Les co-auteurs d’un amendement déposé ne changent plus.": "The co-authors of a tabled amendment no longer change.",
  "Un brouillon garde au moins un auteur : supprimez-le plutôt, ou ajoutez d’abord un co-auteur.": "A draft keeps at least one author: delete it instead, or first add a co-author.",
  "Cette personne n’est pas co-autrice de ce brouillon.": "This person is not a co-author of this draft.",
  "Vous avez été retiré des co-auteurs d’un brouillon d’amendement à l’article {{article}} : vous ne pouvez plus l’écrire.": "You were removed from the co-authors of a draft amendment to article {{article}}: you can no longer write it.",
  // server/commands/respond-to-amendment.ts
  "Le greffe a répondu sur {{amendement}} : {{reponse}}": "The clerks replied on {{amendement}}: {{reponse}}",
  // server/commands/set-roles.ts
  "Vous ne pouvez pas retirer votre propre rôle d’administrateur.": "You cannot remove your own administrator role.",
  // server/commands/sortition-compute.ts
  "Le calcul de la loterie a été interrompu {{n}} fois (arrêt ou redémarrage du serveur) sans aboutir. Relancez-le avec « Relancer le calcul » ; s’il s’interrompt encore, signalez-le à l’équipe technique.": "The lottery’s computation was interrupted {{n}} times (server stop or restart) without finishing. Restart it with “Run the computation again”; if it is interrupted again, report it to the technical team.",
  "Le calcul est en cours.": "The computation is in progress.",
  "Il n’y a pas de calcul à relancer.": "There is no computation to restart.",
  // server/commands/sub-amendments.ts
  "Un amendement parlementaire n’est pas examiné par la commission : il ne se sous-amende pas ici.": "A parliamentary amendment is not examined by the commission: it is not sub-amended here.",
  "Un sous-amendement ne se sous-amende pas : sous-amendez l’amendement lui-même.": "A sub-amendment is not sub-amended: sub-amend the amendment itself.",
  "L’amendement n° {{numero}} est « {{statut}} » : il ne peut plus être sous-amendé.": "Amendment no. {{numero}} is “{{statut}}”: it can no longer be sub-amended.",
  "L’amendement n° {{numero}} supprime l’article : il n’a pas de texte à sous-amender.": "Amendment no. {{numero}} deletes the article: it has no text to sub-amend.",
  "{{action}} : les membres de la commission ont déjà commencé à voter sur l’amendement n° {{numero}}.": "{{action}}: the commission members have already started voting on amendment no. {{numero}}.",
  "Ajoutez un exposé sommaire avant de déposer le sous-amendement.": "Add an explanatory statement before tabling the sub-amendment.",
  "requis pour le dépôt": "required to table",
  "Impossible de le sous-amender": "Cannot sub-amend it",
  "L’amendement n° {{numero}} n’a pas de texte déposé.": "Amendment no. {{numero}} has no tabled text.",
  "Le texte proposé est celui de l’amendement n° {{numero}} : le sous-amendement ne change rien.": "The proposed text is that of amendment no. {{numero}}: the sub-amendment changes nothing.",
  "Le sous-amendement n° COM-{{numero}} a été déposé sur l’amendement n° {{parent}} : la commission l’examinera juste avant lui.": "Sub-amendment no. COM-{{numero}} was tabled on amendment no. {{parent}}: the commission will examine it just before.",
  "ce sous-amendement importé ne se décide pas ici": "this imported sub-amendment is not decided here",
  "la version de l’amendement qu’il modifie est introuvable": "the version of the amendment it changes cannot be found",
  "l’amendement n° {{numero}} a changé depuis son dépôt et ce sous-amendement ne s’y applique plus ({{raison}})": "amendment no. {{numero}} has changed since it was tabled and this sub-amendment no longer applies to it ({{raison}})",
  "l’amendement n° {{numero}} contient déjà ce que propose ce sous-amendement": "amendment no. {{numero}} already contains what this sub-amendment proposes",
  "La commission a adopté le sous-amendement n° {{numero}} : l’amendement n° {{parent}} est réécrit en conséquence (son historique garde la version précédente).": "The commission adopted sub-amendment no. {{numero}}: amendment no. {{parent}} is rewritten accordingly (its history keeps the previous version).",
  "Le sous-amendement n° {{numero}} est tombé : {{raison}}": "Sub-amendment no. {{numero}} has fallen: {{raison}}",
  "a été adopté avant lui": "was adopted before it",
  "a été rejeté": "was rejected",
  "est tombé": "has fallen",
  "a été clos sans examen": "was closed without examination",
  "a été retiré": "was withdrawn",
  "a été déclaré irrecevable": "was declared inadmissible",
  "L’amendement n° {{numero}}, qu’il modifiait, {{issue}}.": "Amendment no. {{numero}}, which it changed, {{issue}}.",
  "Un amendement parlementaire est rectifié par sa chambre : importez sa version rectifiée.": "A parliamentary amendment is rectified by its chamber: import its rectified version.",
  "Cet amendement est « {{statut}} » : il ne peut plus être rectifié.": "This amendment is “{{statut}}”: it can no longer be rectified.",
  "Impossible de le rectifier": "Cannot rectify it",
  "L’exposé sommaire ne peut pas être vide.": "The explanatory statement cannot be empty.",
  "requis": "required",
  "Un amendement de suppression ne propose pas de texte.": "A deletion amendment proposes no text.",
  // shared/amendment.ts (what a kind requires of its text)
  "Proposez le texte de l’article (au moins un alinéa).": "Propose the article’s text (at least one paragraph).",
  "L’alinéa {{n}} est vide.": "Paragraph {{n}} is empty.",
  "Le texte proposé est identique au texte de l’article : l’amendement ne change rien.": "The proposed text is the same as the article’s: the amendment changes nothing.",
  "inattendu": "unexpected",
  "L’amendement n° {{numero}} a changé depuis le dépôt de ce sous-amendement : déposez plutôt un nouveau sous-amendement sur sa version actuelle.": "Amendment no. {{numero}} has changed since this sub-amendment was tabled: table a new sub-amendment on its current version instead.",
  "La version rectifiée est identique à la version en vigueur.": "The rectified version is identical to the version in force.",
  "aucun changement": "no change",
  "Le greffe a publié une version rectifiée de l’amendement : n° {{numero}}.": "The clerks published a rectified version of the amendment: no. {{numero}}.",
  // server/commands/submit-amendment.ts
  "Cet amendement est déjà déposé.": "This amendment is already tabled.",
  "Ajoutez un exposé sommaire avant de déposer l’amendement.": "Add an explanatory statement before tabling the amendment.",
  "Vous avez déjà déposé un amendement identique : l’amendement n° {{numero}}.": "You have already tabled an identical amendment: amendment no. {{numero}}.",
  // server/commands/suspend-account.ts
  "Vous ne pouvez pas suspendre votre propre compte.": "You cannot suspend your own account.",
  "La fin de la suspension doit être dans le futur.": "The end of the suspension must be in the future.",
  "date passée": "date in the past",
  "Suspendre un compte : seul un administrateur suspend un compte qui a un rôle (administration, greffe, modération).": "Suspend an account: only an administrator suspends an account that has a role (administration, clerks, moderation).",
  // server/commands/withdraw-amendment.ts
  "un brouillon n’est pas déposé": "a draft is not tabled",
  "il est « {{statut}} »": "it is “{{statut}}”",
  "Impossible de retirer cet amendement : {{raison}}.": "Cannot withdraw this amendment: {{raison}}.",
};

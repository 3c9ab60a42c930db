#include "demo_data.h"

namespace tickets_server {

namespace {

constexpr DemoCustomer k_customers[] = {
    {k_demo_customer_id, "demo@example.com", "Camille Démo", true},
    {k_other_customer_id, "other@example.com", "Olivier Autre", false},
    {k_empty_customer_id, "empty@example.com", "Émilie Vide", false},
};

constexpr std::string_view k_long_subject =
    "Demande de remboursement partiel concernant la prolongation du contrat d'hébergement "
    "mutualisé souscrit l'année dernière, dont le renouvellement automatique a été effectué "
    "alors que j'avais explicitement demandé sa résiliation par courrier recommandé avec accusé "
    "de réception, ainsi que des frais de dépassement de bande passante facturés à tort "
    "pendant les mois d'été";

constexpr DemoTicket k_tickets[] = {
    {101, DemoOwner::demo, 39, "TECH", "OPEN", 3, 15, "Serveur inaccessible depuis ce matin",
     "Bonjour, mon serveur ne répond plus ni en SSH ni en HTTP depuis 7 h ce matin. Pouvez-vous "
     "vérifier l'état de l'hyperviseur ?"},
    {102, DemoOwner::demo, 39, "FACT", "CLOSED", 41, 3, "Facture de mars : montant erroné",
     "La facture de mars indique 59,90 € au lieu de 49,90 €. Merci de corriger."},
    {103, DemoOwner::demo, 12, "COM", "OPEN", 0, 0, "Question about upgrading my plan",
     "Hello, I would like to know whether I can move to the larger plan without losing my data."},
    {105, DemoOwner::demo, 12, "FACT", "PENDING", 95, 4, k_long_subject,
     "Vous trouverez ci-joint la copie du courrier. J'attends votre retour."},
    {106, DemoOwner::demo, 57, "TECH", "ANSWERED", 7, 2, "Erreurs DNS après la migration",
     "Depuis la migration :\n- le domaine principal répond,\n- les sous-domaines ne répondent "
     "plus,\n- les e-mails arrivent en retard.\n\nMerci d'avance,\nCamille"},
    {107, DemoOwner::demo, 57, "TECH", "OPEN", 12, 1, "Certificate renewal failed",
     "The automatic renewal failed last night. The log says to check "
     "https://status.example.com/incidents/4521 but the page is empty."},
    {108, DemoOwner::demo, 39, "JURI", "OPEN", 20, 0, "Demande d'information juridique",
     "Pouvez-vous me transmettre la liste des sous-traitants prévue par le contrat ?"},
    {109, DemoOwner::demo, 88, "ABUSE", "PENDING", 30, 5, "Signalement d'hameçonnage",
     "Un site hébergé chez vous imite la page de connexion de ma banque."},
    {110, DemoOwner::demo, 88, "COM", "ANSWERED", 45, 6, "Offre spéciale « rentrée »",
     "Est-ce que l'offre de rentrée s'applique aux contrats déjà en cours ?"},
    {112, DemoOwner::demo, 12, "TECH", "CLOSED", 60, 8, "Disk almost full on my VPS",
     "My VPS reports 98% disk usage but I cannot find which files take the space."},
    {113, DemoOwner::demo, 39, "FACT", "OPEN", 75, 2, "Prélèvement refusé",
     "Ma banque a refusé le prélèvement du 5. Comment régulariser sans frais ?"},
    {114, DemoOwner::demo, 57, "COM", "CLOSED", 110, 3, "Changement d'adresse de facturation",
     "Nous avons déménagé : nouvelle adresse, 12 rue de l'Église, 69003 Lyon."},
    {115, DemoOwner::demo, 57, "TECH", "OPEN", 130, 10, "Lenteurs sur la base de données",
     "Les requêtes sur la base prennent plus de 3 s depuis la mise à jour. Aucune modification "
     "de notre côté."},
    {116, DemoOwner::demo, 88, "ABUSE", "CLOSED", 150, 2, "Spam sent from my account?",
     "Someone reports receiving spam from my address. I did not send anything."},
    {117, DemoOwner::demo, 12, "FACT", "CLOSED", 170, 1, "Reçu pour la note de frais",
     "Pourriez-vous m'envoyer un reçu détaillé pour ma note de frais ? Merci."},
    {118, DemoOwner::demo, 39, "TECH", "ANSWERED", 190, 7, "Sauvegarde automatique échouée",
     "La sauvegarde de cette nuit s'est arrêtée à 43 %. Faut-il la relancer à la main ?"},
    {120, DemoOwner::demo, 57, "COM", "OPEN", 210, 0, "Partenariat pour une association",
     "Notre association à but non lucratif cherche un hébergeur : proposez-vous des tarifs "
     "adaptés ?"},
    {121, DemoOwner::demo, 88, "TECH", "CLOSED", 240, 12, "Email delivery delays",
     "Emails to Gmail addresses take up to two hours to arrive."},
    {122, DemoOwner::demo, 12, "FACT", "PENDING", 260, 3, "Avoir non reçu",
     "L'avoir de 15 € annoncé le mois dernier n'apparaît pas sur mon compte."},
    {123, DemoOwner::demo, 39, "TECH", "OPEN", 280, 4, "Ports bloqués après redémarrage",
     "Après le redémarrage, les ports 80 et 443 sont fermés. Le pare-feu a-t-il été modifié ?"},
    {124, DemoOwner::demo, 57, "COM", "CLOSED", 300, 1, "Thanks for the quick fix!",
     "Just wanted to say thanks, everything works again."},
    {125, DemoOwner::demo, 88, "ABUSE", "OPEN", 330, 2, "Tentatives de connexion suspectes",
     "Des centaines de tentatives de connexion viennent d'une même adresse IP chaque nuit."},
    {126, DemoOwner::demo, 12, "TECH", "CLOSED", 360, 9, "Mise à jour de PHP",
     "Quand la version de PHP sera-t-elle mise à jour sur l'hébergement mutualisé ?"},
    {128, DemoOwner::demo, 39, "FACT", "CLOSED", 390, 2, "Double facturation en janvier",
     "J'ai été facturé deux fois pour le même mois. Merci de rembourser la différence."},
    {129, DemoOwner::demo, 57, "TECH", "ANSWERED", 420, 5, "Cannot connect over FTP",
     "FileZilla says \"connection refused\" on port 21 since this morning."},
    {130, DemoOwner::demo, 88, "COM", "OPEN", 450, 0, "Œuvre caritative : remise possible ?",
     "Nous organisons une collecte pour une œuvre caritative ; une remise est-elle possible ?"},
    {131, DemoOwner::demo, 12, "TECH", "CLOSED", 480, 14, "Site très lent aux heures de pointe",
     "Entre 18 h et 20 h, le site met plus de 10 s à s'afficher."},
    {132, DemoOwner::demo, 39, "FACT", "OPEN", 510, 1, "Wrong VAT number on invoices",
     "Our VAT number changed to FR 12 345678901; the invoices still show the old one."},
    {134, DemoOwner::demo, 57, "TECH", "PENDING", 540, 6, "Réinstallation du système",
     "Je souhaite réinstaller le système en Debian 12. Mes données seront-elles conservées ?"},
    {135, DemoOwner::demo, 88, "COM", "CLOSED", 570, 2, "Résiliation de l'option sauvegarde",
     "Je n'utilise plus l'option de sauvegarde, merci de la résilier à la fin du mois."},
    {136, DemoOwner::demo, 12, "ABUSE", "CLOSED", 600, 3, "Phishing page on a subdomain",
     "A phishing page appeared on shop.example.org, which I do not control any more."},
    {137, DemoOwner::demo, 39, "TECH", "OPEN", 630, 11, "Problème d'encodage des caractères",
     "Les caractères accentués (é, è, ê, ç, à) s'affichent mal sur mon site depuis le "
     "changement de serveur."},
    {138, DemoOwner::demo, 57, "FACT", "CLOSED", 660, 1, "Paiement par virement",
     "Puis-je payer l'abonnement annuel par virement bancaire ?"},
    {139, DemoOwner::demo, 88, "COM", "ANSWERED", 690, 3, "Nom de domaine en .fr",
     "Proposez-vous l'enregistrement de noms de domaine en .fr et en .eu ?"},
    {140, DemoOwner::demo, 12, "TECH", "CLOSED", 715, 4, "First ticket: welcome e-mail missing",
     "I never received the welcome e-mail with my login details."},

    // The second customer's tickets, between the demo customer's ids.
    {104, DemoOwner::other, 71, "TECH", "OPEN", 5, 2, "Ticket d'un autre client",
     "Ce ticket appartient à un autre client : il ne doit jamais apparaître pour la démo."},
    {111, DemoOwner::other, 71, "FACT", "CLOSED", 50, 1, "Another customer's invoice",
     "This ticket belongs to another customer."},
    {119, DemoOwner::other, 71, "COM", "OPEN", 200, 0, "Autre client : question commerciale",
     "Ticket d'un autre client."},
    {127, DemoOwner::other, 71, "TECH", "PENDING", 380, 3, "Other customer: server down",
     "This ticket belongs to another customer."},
    {133, DemoOwner::other, 71, "ABUSE", "OPEN", 530, 1, "Autre client : signalement",
     "Ticket d'un autre client."},
};

constexpr std::string_view k_responses[] = {
    "Bonjour, nous avons bien reçu votre demande et la transmettons à l'équipe concernée.",
    "Hello, thank you for your message. We are looking into it.",
    "Nous avons identifié la cause : une mise à jour du noyau. Un technicien intervient.",
    "Could you send us the exact time the problem started, and your server's IP address?",
    "Le problème est résolu de notre côté. Pouvez-vous confirmer que tout fonctionne ?",
    "We have applied a fix. Please let us know if the issue comes back.",
    "Merci pour ces précisions.\nNous revenons vers vous dès que possible.\n\nL'équipe support",
    "Votre facture a été corrigée ; le nouveau montant apparaît dans votre espace client.",
    "A credit note of €10.00 has been issued to your account.",
    "Nous n'avons pas réussi à reproduire le problème. Avez-vous un message d'erreur ?",
    "The maintenance window is planned for Sunday 03:00–05:00 (Paris time).",
    "Votre demande a été transmise au service comptabilité, qui vous répondra sous 48 h.",
    "Le site incriminé a été suspendu. Merci pour votre signalement.",
    "Voici la procédure : https://docs.example.com/guides/sauvegarde (section « Restaurer »).",
    "Nous clôturons ce ticket faute de réponse ; n'hésitez pas à en ouvrir un nouveau.",
    "Is there anything else we can help you with?",
    "Très bien, merci pour votre retour !",
    "Nous avons augmenté la mémoire allouée à votre base de données à titre gracieux.",
};

} // namespace

std::span<const DemoCustomer> demo_customers() {
    return k_customers;
}

std::span<const DemoTicket> demo_tickets() {
    return k_tickets;
}

std::span<const std::string_view> demo_responses() {
    return k_responses;
}

} // namespace tickets_server

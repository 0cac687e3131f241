# Generates intake-phrases-holdout2.csv (python3 intake-phrases-holdout2.gen.py intake-phrases-holdout2.csv).
# A second, independent held-out set (issue 13): written before the search was changed again, from
# concepts NOT in intake-phrases.csv (occupations of the region not yet covered, KldB 2010 "Zugeordnete
# Berufe" titles, caseworker wording of abilities). Answers were looked up in ESCO labels (data/esco),
# never taken from search output. Its misses are not printed and were not used for any rule, weight or
# synonym (docs/intake.md). Same format and id prefixes as intake-phrases.gen.py; every row is 'holdout2'.
import csv, sys, gzip, os
data=os.path.join(os.path.dirname(os.path.abspath(__file__)),'..','..','..','data','esco')
def rows(name): return [l.rstrip('\n').split('\t') for l in gzip.open(os.path.join(data,name),'rt',encoding='utf-8')][1:]
skills=rows('skills.tsv.gz')
occ=rows('occupations.tsv.gz')
def res(t):
    k,v=t.split(':',1)
    if k in ('c','l'): return {'c':'certificate','l':'language'}[k]+':'+v
    pool = skills if k=='s' else occ
    m=[r[0] for r in pool if r[0].startswith(v)]
    if len(m)!=1: sys.exit(f'bad {t}: {m}')
    return ('skill' if k=='s' else 'occupation')+':'+m[0]
G=[]
def g(src, acc, *phrases): G.append((src, acc.split(), phrases))
# --- caseworker wording of abilities (ESCO transversal / cross-sector skills)
g('caseworker','s:60c78287 s:a5b0cd5c','Teamfähigkeit','teamfähig','Arbeit im Team','Teamfaehigkeit')
g('caseworker','s:25e16679','Zuverlässigkeit','zuverlässig','Zuverlässigkeit und Pünktlichkeit','Zuverlässigkiet')
g('caseworker','s:0da516ee s:8fcf2beb','Kundenkontakt','Umgang mit Kunden','Kundenkommunikation')
g('caseworker','s:7a147904 s:13b4a3d2 s:fbdfc3bf s:a8460be3 s:49e1eb78 s:d15f8745','Belastbarkeit','belastbar','Stressresistenz','körperliche Belastbarkeit')
g('caseworker','s:c29aa9d2','selbstständiges Arbeiten','selbständige Arbeitsweise','eigenständiges Arbeiten')
g('caseworker','s:49de9958 s:ebfe7b18','Flexibilität','Anpassungsfähigkeit','flexibel einsetzbar')
g('caseworker','s:91abe492','Termintreue','Fristen einhalten')
# --- post, parcels, sorting, distribution
g('kldb:51321','o:7ed2e153 s:df1265b9','Briefträger','Postbote','Briefzusteller','Postbotin','Briefe zustellen')
g('kldb:51321','o:511f366c','Paketsortierer','Postsortierer','Pakete sortieren','Sortierer Paketzentrum')
g('kldb:51321','o:5ff100c2','Prospektverteiler','Prospekte verteilen','Werbemittelverteiler')
g('kldb:34332','o:4ed9ce62 o:ff8d4065 s:110d7aa3','Recyclinghelfer','Müllsortierer','Mitarbeiter Wertstoffhof','Abfallsortierer')
# --- chemistry, pharma, plastics, print
g('kldb:41312','o:5b3ef95b o:d3382c5a','Chemikant','Chemikantin','Produktionshelfer Chemie','Chemiekant')
g('kldb:41312','o:d3382c5a','Pharmakant','Pharmakantin','Produktionsmitarbeiter Pharma')
g('job-ad','s:861f3a02','Spritzgießmaschine bedienen','Spritzgussmaschine','Maschinenbediener Spritzguss')
g('kldb:23412','o:6175b828 o:7fbe45c6 o:f5596182','Drucker','Druckerin','Medientechnologe Druck','Siebdrucker')
g('kldb:25102','o:269c47e7 o:be0e6189','Industriemechaniker','Industriemechanikerin','Industriemechnaiker')
g('kldb:28222','o:517c01aa o:7d4266b3 o:db55bf08 o:5589e8e0 o:978ae3a2 s:c8d75bf4','Näherin','Schneiderin','Änderungsschneiderin','Nähen')
# --- trades, construction
g('kldb:32142','o:b4c6d1b0','Dachdecker','Dachdeckerin','Dachdeckerhelfer','Dachdekcer')
g('job-ad','o:2a22ff9e','Zimmerer','Zimmermann','Zimmerin')
g('kldb:22342','o:e1416610 o:59088d93','Tischler','Schreiner','Tischlerin','Schreinerei')
g('kldb:34212','o:3ce9c89d o:7259dc48 o:ed3cf43d o:3df28a39 o:79f435d0','Anlagenmechaniker SHK','Installateur','Heizungsinstallateur','Sanitärinstallateur','Heizungsbauer')
g('kldb:32222','o:5f68c4c3 o:f272a521 o:7c205166','Straßenbauer','Straßenbauhelfer','Strassenbauer')
g('kldb:32232','o:d97fd1e8 o:2a226be5 s:0f040ee7','Gleisbauer','Gleisbauarbeiter','Gleisbau')
g('kldb:42212','o:a2dee758','Schornsteinfeger','Schornsteinfegerin','Kaminkehrer')
g('job-ad','o:c9f6c245 o:5f9e0588 o:353a22a7','Glaser','Glaserin','Glaserei')
g('kldb:33102','o:4f1bb8b4 o:e43d0f86 o:0663d464','Parkettleger','Bodenleger','Bodenlegerin')
g('job-ad','o:a50d64e7','Estrichleger','Estrichlegerin')
g('kldb:53342','o:21cba86a s:08881cb7','Schädlingsbekämpfer','Kammerjäger','Schädlingsbekämpfung')
# --- vehicles, transport
g('kldb:25212','o:4ad4024e o:0ec62c2e o:b8db7ef4','Kfz-Mechatroniker','Kfz-Mechaniker','Kfz Mechatronikerin','Automechaniker')
g('job-ad','s:202d0d2b o:98c429ad o:121bd198','Reifenwechsel','Reifen wechseln','Reifenmonteur')
g('kldb:22212','o:a784b063','Fahrzeuglackierer','Autolackierer','Fahrzeuglackiererin')
g('kldb:25252','o:336cf331 s:53b1dcbc','Fahrradmechaniker','Zweiradmechatroniker','Fahrradmechanikerin')
g('kldb:52202','o:81f6a814','Lokführer','Triebfahrzeugführer','Lokfuehrer')
g('kldb:51412','o:ea034d66','Zugbegleiter','Zugbegleiterin')
g('job-ad','o:49e28648 o:39803100','Disponent','Disponentin','Transportdisponent')
g('kldb:51622','o:39803100','Speditionskaufmann','Speditionskauffrau','Kaufmann für Spedition und Logistikdienstleistung')
g('job-ad','o:41beead9','Tankstellenmitarbeiter','Verkäuferin Tankstelle','Tankwart','Aushilfe Tankstelle')
# --- green, animals, food production
g('kldb:12132','o:aac0c510','Friedhofsgärtner','Friedhofsarbeiter','Friedhofsgaertner')
g('job-ad','o:b865693a o:fa30c1cb','Baumpfleger','Baumpflege','Baumkletterer')
g('job-ad','s:cacb30e8 s:1a163b43','Melken','Kühe melken','Melker')
g('kldb:11302','o:beedd3c0 o:6630d23f s:540e80b9','Pferdepfleger','Pferdewirt','Pferdepflegerin','Stallhelfer Pferde')
g('kldb:11232','o:026401a9','Imker','Imkerin','Imkerei')
g('kldb:29112','o:95cd3d64','Brauer','Brauer und Mälzer','Brauerin')
g('kldb:29252','o:43841fa5 o:9aeefea6 o:87cb6ef5 o:952c766a','Milchtechnologe','Molkereifachmann','Molkereimitarbeiter')
g('kldb:29222','o:ff42d44c o:1aadb308','Konditor','Konditorin','Konditorei')
g('kldb:29302','o:a02a1117 s:298ead56','Pizzabäcker','Pizzabäckerin','Pizza backen','Pizzabaecker')
# --- services, personal care, laundry
g('kldb:82312','o:099c6bb0 o:55f6380c o:4e0c14d6','Friseur','Friseurin','Frisör','Friseurhelferin')
g('kldb:82322','o:a1e1a788','Kosmetikerin','Kosmetiker','Kosmetikerinnen')
g('kldb:82322','o:bced9b86','Nageldesignerin','Nagelkosmetikerin')
g('kldb:82322','o:489b9a38 o:cf9b6da9 s:21a40266','Fußpflegerin','Fußpflege','Podologe')
g('kldb:12202','o:c0768628','Florist','Floristin','Blumenverkäuferin')
g('kldb:11502','o:5a940ae0','Hundefriseur','Tierfriseurin','Hundefriseurin')
g('kldb:54132','o:0da51178 o:2edd910a o:dfb93ddb','Textilreiniger','Wäschereimitarbeiter','Bügler')
g('kldb:62102','o:c822ca35 o:b059d331','Marktverkäufer','Marktverkäuferin','Verkauf auf dem Wochenmarkt')
g('kldb:53112','o:43ee9c1a o:1ae8d28e o:3cc51201 o:6e6e44ba','Pförtner','Portier','Nachtportier','Pförtnerin')
g('kldb:53142','o:3025dea4 o:4779055b','Rettungsschwimmer','Bademeister','Schwimmmeister')
# --- health, education
g('kldb:81102','o:0c041d1e','Arzthelferin','Medizinische Fachangestellte','Arzthelfer')
g('kldb:81112','o:bdc74965','Zahnarzthelferin','Zahnmedizinische Fachangestellte')
g('job-ad','o:c1a86d6d','Pharmazeutisch-kaufmännische Angestellte','Apothekenhelferin')
g('kldb:81342','o:0b5dfc02','Rettungssanitäter','Notfallsanitäter','Rettungssanitaeter')
g('job-ad','s:1c6736c2','Wundversorgung','Wunden versorgen')
g('job-ad','s:1fd57242','Medikamente verabreichen','Medikamentengabe')
g('kldb:84513','o:bca2528a o:834aab9b','Fahrlehrer','Fahrlehrerin')
g('kldb:84483','o:59bce29f s:63b9a087','Nachhilfelehrer','Nachhilfe geben','Nachhilfelehrerin')
g('kldb:71423','o:23e692a9 o:1a07bd7d','Dolmetscher','Dolmetscherin','Übersetzer')
# --- office, IT, events
g('kldb:72212','o:c3aae59e o:bfe142b9 o:eda0d957 s:ecc18804','Buchhalter','Buchhalterin','Finanzbuchhaltung','Buchhaltung')
g('kldb:72212','o:ade351da s:af0f7625 s:3ee090a1','Lohnbuchhalter','Lohnbuchhaltung','Lohnabrechnung','Gehaltsabrechnung')
g('kldb:71402','o:5ac377d2 o:044d78cc','Sekretärin','Sekretär','Sekretariat')
g('kldb:43102','o:07e60525 o:aaeec9a7 o:1242d99a s:118efbcd','Fachinformatiker Systemintegration','IT-Support','Helpdesk','Fachinformatiker')
g('kldb:94512','o:e859428d o:acb6b99a o:5a0ff408 o:47e4135b','Veranstaltungstechniker','Bühnentechniker','Bühnenarbeiter','Veranstaltungstechnik')
rows=[]
for src,acc,ph in G:
    accr='|'.join(res(t) for t in acc)
    for p in ph:
        rows.append((p,src,accr,'holdout2'))
w=csv.writer(open(sys.argv[1],'w',newline='',encoding='utf-8'),lineterminator='\n')
w.writerow(['phrase','source','acceptable','split'])
w.writerows(rows)
print(len(G),'groups',len(rows),'phrases',file=sys.stderr)

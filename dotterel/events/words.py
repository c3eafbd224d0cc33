"""Word classes the event rules read (to be moved to lang/en data)."""
from __future__ import annotations

LIGHT_VERBS = {"launch", "carry", "conduct", "continue", "stage", "begin", "mount", "start",
               "intensify", "escalate", "resume", "step", "wage", "hold", "make", "issue"}
REPORTING = {"say", "tell", "claim", "state", "stress", "add", "insist", "assert", "argue",
             "announce", "suggest", "warn", "allege", "accuse", "denounce", "charge", "deny",
             "report", "note", "explain", "write", "believe", "emphasize", "underscore",
             "acknowledge", "confirm", "reiterate", "declare", "condemn", "blame"}
CLAIMING = {"claim", "allege", "accuse", "charge", "denounce", "blame", "condemn", "deny"}
HEDGES = {"reportedly", "allegedly", "apparently", "purportedly", "possibly", "likely",
          "probably", "seemingly", "supposedly", "perhaps", "potentially"}
IRREALIS = {"hope", "wish", "want", "desire", "call", "urge", "demand", "ask", "appeal", "plea",
            "seek", "request", "propose", "suggest", "need", "try", "attempt", "encourage",
            "allow", "permit", "let", "enable", "advocate", "favor", "favour", "recommend",
            "urging", "advocacy"}  # permitted is not done: "allow fighters to withdraw"
FUTURE_GOVERNORS = {"plan", "intend", "vow", "swear", "willing", "prepared", "ready", "pledge", "promise", "threaten", "prepare", "aim",
                    "expect", "schedule", "set", "agree", "plot", "intention"}  # a decision is the act: "decided to allow"
NEGATORS = {"fail", "refuse", "decline", "avoid", "deny", "stop", "halt", "cease", "prevent", "cancel",
            "scrap", "abandon", "postpone"}
CONTENT_NOUNS = {"claim", "allegation", "accusation", "report", "assertion", "charge", "suggestion",
                 "warning", "fear", "threat", "rumour", "rumor", "statement", "announcement"}
"""Nouns whose "that" clause is what is claimed or reported."""
OFFERS = {"offer", "threaten", "apply"}
"""Verbs whose infinitive is done only if someone else agrees or complies."""
CONDITIONAL_MARKS = {"if", "unless", "whether", "lest"}
ABSORBERS = {"offer", "agree", "promise", "pledge", "vow", "decide", "plan", "intend", "prepare",
             "threaten", "refuse", "decline", "swear", "reject", "commit", "move", "seek", "try", "attempt",
             "apply"}
"""Verbs whose infinitive complement is the content of their own event: it lends its target
("offered to negotiate with Armenia") and is coded beside it, keeping its own type."""
COMMANDS = {"order", "direct", "instruct"}
NATURAL_CAUSES = {"earthquake", "quake", "storm", "flood", "flooding", "hurricane", "cyclone",
                  "typhoon", "tornado", "wildfire", "fire", "landslide", "tsunami", "drought",
                  "pandemic", "outbreak", "virus", "disease", "heatwave", "avalanche", "eruption"}
VERBAL_TYPES = {"REQUEST", "ACCUSE", "REJECT", "THREATEN", "SUPPORT", "AGREE", "CONSULT"}
OWN = {"its", "his", "her", "their", "our"}
SYMMETRIC = {"CONSULT", "COOPERATE", "AGREE"}
LOCATED_TYPES = {"PROTEST", "ASSAULT", "COERCE", "MOBILIZE", "AID", "RETREAT", "SANCTION"}
FALLBACK_PREPS = ("to", "with", "against", "on", "at", "into", "toward", "towards", "from",
                  "for", "over", "upon", "between")


REQUESTED_GOODS = {"aid", "assistance", "help", "funding", "fund", "money", "loan", "weapon", "arm",
                   "equipment", "ammunition", "missile", "tank", "jet", "munition", "vaccine", "supply"}
MILITARY_GOODS = {"weapon", "arm", "ammunition", "missile", "tank", "jet", "munition"}


PLEDGING = {"pledge", "promise", "offer", "commit"}
MONEY = {"million", "billion", "dollar", "euro", "pound"}


VIOLENT = {"ASSAULT", "COERCE"}
MUTUAL = {"clash", "skirmish", "firefight", "gunfight", "battle"}
"""Fighting that has no one side as author: coded in both directions."""


MISSILES = {"missile", "rocket", "icbm", "projectile"}
CIVILIAN_CRAFT = {"passenger", "airliner", "commercial", "civilian", "cargo", "ferry", "liner", "bus", "train",
                  "tanker", "ship", "vessel", "boat", "plane", "jet", "aircraft", "car", "truck"}
MILITARY_CRAFT = {"military", "fighter", "warplane", "warship", "naval", "combat", "drone", "bomber"}


SPORTS = {"match", "final", "cup", "tournament", "league", "championship", "olympics", "semifinal",
          "quarterfinal", "playoff", "striker", "goalkeeper", "midfielder", "stadium"}
"""Nouns of sport only: "game" (war games), "penalty" (economic penalties) and "season"
(the fighting season) are left out on purpose."""
SPORTS_TRIGGERS = {"beat", "defeat", "crush", "thrash", "rout", "clash", "battle", "fight", "attack",
                   "shoot", "strike", "down", "edge", "storm"}
""""Argentina beat France on penalties to win the final": sport, not war."""


INCIDENTS = {"attack", "bombing", "strike", "assault", "killing", "shooting", "blast", "explosion", "raid",
             "massacre", "ambush"}


INSULTS = {"killer", "murderer", "criminal", "thug", "dictator", "liar", "butcher", "tyrant", "aggressor",
           "warmonger", "puppet", "terrorist"}
"""What a leader calls another to denounce him: "said Putin was a killer"."""
BELIEVING = {"believe", "think", "consider"}


ARMED_SECTORS = {"MIL", "REB", "UAF", "SPY"}
STATELIKE = {"country", "igo", "organisation", "armed_group"}
HELPING = {"help"}
"""Verbs that are cooperation only with an actor helped to do a task."""
STRIKING = {"hit"}
"""Verbs that attack only when a state or armed group does them to an actor."""
FIGHTING = {"fight", "battle", "combat", "target", "clash"}
"""Words that are fighting only with an armed side, police, protesters or a state in them;
politics fights and clashes too ("Democrats clash at debate")."""
ARMED_ONLY = {"enter", "leave"}
"""Lexicon words that are events only when armed men do them."""
EXERCISES = {"drill", "exercise", "game", "maneuver", "manoeuvre", "patrol"}


VERBAL_ATTACKS = {"attack", "assail", "slam", "blast"}
BODILY_HARM = {"knife", "gun", "rifle", "pistol", "bomb", "machete", "weapon", "stab", "shoot", "wound",
               "injure", "kill", "beat", "punch", "hammer", "axe", "acid", "hospital", "injury"}
POLITICAL_KINDS = {"person", "party"}
VICTIM_SECTORS = {"CVL", "REF"}
"""Unnamed people who are what an act is done to ("killed 38 tourists"), never one's own."""
CIVIL_SECTORS = {"OPP", "CVL", "LAB", "EDU", "REL", "HRI", "NGO", "MED"}


INTENT_CODES = {"AID": "033", "RETREAT": "035", "CONCEDE": "035", "CONSULT": "036",
                "COOPERATE": "031", "SUPPORT": "032", "ASSAULT": "138", "COERCE": "137",
                "SANCTION": "1312", "PROTEST": "133", "MOBILIZE": "138"}
"""CAMEO codes for a stated intention to act: to cooperate (03x) or to do harm (13x)."""


OUTSIDERS = {"international", "global", "western", "foreign", "worldwide"}
MOVED_OUT = {"evacuate", "withdraw", "pull", "relocate", "redeploy"}
"""Retreats told in the passive, whose subject is who retreated ("troops were withdrawn")."""
GO_BETWEENS = {"broker", "mediate", "mediation", "host"}
"""Acts done for two other sides: "talks brokered by Russia, Turkey and Iran" are not talks
among the brokers."""
RELATIONS = {"tie", "relation", "link", "contact"}


DEONTIC_REPORTERS = {"say", "insist", "stress", "conclude", "declare", "state", "announce", "tell",
                     "add", "argue", "write", "warn"}
DEONTIC_MODALS = {"must", "should"}


DEAL_NOUNS = {"deal", "agreement", "accord", "pact", "treaty", "proposal", "plan", "offer"}


PHRASAL_OTHERWISE = {"press": ("on", "ahead"), "push": ("on", "ahead"), "forge": ("on", "ahead"),
                     "back": ("away", "off")}
"""Particles that turn a trigger into something else: "backed away from the timeframe"
supports nothing."""
OPINION_MEASURES = {"percent", "%", "public", "popular", "bipartisan", "enough", "majority", "grassroots"}


MARKET_WORDS = {"stock", "share", "market", "price", "index", "dollar", "currency", "bond", "yield",
                "rate", "fee", "interest", "tax", "premium", "cost", "commission", "rent", "toll", "tariff",
                "future", "euro", "yen", "peso", "rupee", "oil", "gold", "equity", "sterling", "pound"}


MET_GOALS = {"problem", "target", "goal", "need", "requirement", "deadline", "expectation", "criterion",
             "criteria", "standard", "obligation", "challenge", "threshold", "quota", "cost", "payment",
             "commitment", "condition", "demand"}
RECEPTIONS = {"success", "resistance", "criticism", "skepticism", "scepticism", "approval", "opposition",
              "silence", "derision", "outrage", "applause", "condemnation", "anger", "disapproval",
              "enthusiasm", "indifference", "suspicion", "hostility", "praise", "acclaim", "failure"}


QUESTIONS = {"reaction", "question", "opinion", "view", "comment", "response"}


LABOUR_MODIFIERS = {"general", "nationwide", "national", "labour", "labor", "worker", "union",
                    "indefinite", "wildcat", "hunger", "teacher", "doctor", "nurse", "rail"}
MILITARY_MODIFIERS = {"air", "military", "retaliatory", "missile", "drone", "naval", "artillery",
                      "rocket", "preemptive", "pre-emptive", "punitive", "nuclear"}


OBJECT_DEPS = ("dobj", "compound", "amod", "attr", "nsubjpass", "pobj", "oprd")


HOUSING = {"house", "host", "shelter", "hold"}
GOODS = {"good", "import", "export", "product", "vehicle", "car", "steel", "aluminium", "aluminum",
         "item", "commodity", "shipment", "oil", "gas", "grain", "chip", "semiconductor"}
"""Traded things, whose origin names whom a tariff or ban is aimed at."""
NOUN_ARG_PREPS = ("of", "against", "with", "by", "from", "to", "on", "for")


AGENT_NOUNS = {"country", "nation", "state", "side", "government", "neighbour", "neighbor", "ally",
               "rival", "leader", "people", "those", "others", "group", "member"}
"""Nouns a participle describes as its doer: in "the significance of nations opposing Israel's
offensive" the nations oppose, not whoever spoke of them; a "power" used "to warn" is a means."""


DOCUMENTS = {"document", "decree", "law", "bill", "order", "resolution", "directive", "legislation",
             "memorandum", "treaty", "agreement", "deal"}
ENACTING = {"sign", "issue", "approve", "pass", "adopt", "enact", "publish"}
STATIVE_PASSIVES = {"commit", "determine", "resolve", "dedicate", "engage", "involve", "poise"}
"""Passives that describe their subject's own stance: "Vietnam is committed to reform"."""


BLAMING = {"blame", "attribute", "pin"}
BLAMING_WORDS = BLAMING | {"responsible", "point", "hold"}
"""Words of an accusation whose target may be credited with an authorless attack."""


TIME_MEASURES = {"week", "day", "month", "night", "year", "hour", "weekend"}
"""Spans of time that measure an event noun: "during a week of demonstrations"."""


RELEASED = {"hostage", "prisoner", "detainee", "captive", "body", "remains", "sailor", "soldier"}
JUSTICE_SECTORS = {"COP", "JUD", "GOV"}


SPEECH_ACTS = {"threaten", "warn", "say", "accuse", "urge", "demand", "insist", "vow", "promise", "call",
               "add", "argue", "stress", "claim"}
"""Participles that continue what the main speaker says, not what the reported clause's subject does."""
WARNING_VERBS = {"warn", "caution", "tell", "remind"}
CARRYING_ON = {"hold", "go", "press", "push", "proceed", "move", "forge", "carry", "plough", "plow"}


STANCE_VERBS = {"challenge", "oppose", "welcome", "criticise", "criticize", "question", "protest",
                "support", "back", "applaud", "hail", "praise", "fear", "expect", "predict",
                "investigate", "probe", "review", "report", "deny", "discuss", "debate"}
"""Verbs that take a stand on an act someone else does: "planned to challenge the deployment"."""
STANCE_NOUNS = {"defiance", "violation", "breach", "protest", "retaliation", "response", "solidarity",
                "support", "defence", "defense", "reprisal", "revenge", "warning", "punishment",
                "signal", "message", "gesture"}
JUDGING = {"condemn", "denounce", "describe", "call", "dismiss", "brand", "reject", "label", "see",
           "view", "regard", "characterise", "characterize", "criticise", "criticize", "slam"}
"""Verbs whose "as" phrase judges their object: "condemned the move as a breach"."""
"""Nouns that say what an act stands for: "in defiance of", "in retaliation for"."""
SETTING_PREPS = {"after", "during", "following", "before", "at", "in", "since"}


TOPIC_NOUNS = {"handling", "explanation", "account", "report", "coverage", "review", "response",
               "reaction", "aftermath", "anniversary", "memory", "description", "analysis",
               "knowledge", "version", "narrative", "understanding", "view", "assessment",
               "footage", "video", "image", "news", "detail", "story", "victim", "survivor"}
"""Nouns whose "of" event is what they are about: the Obama administration's handling of
the attack did not make it its own."""


INQUIRIES = {"investigation", "probe", "inquiry"}


BACKING = {"backing", "support", "blessing", "help", "approval", "consent"}


SIGNALS = {"warning", "message", "signal", "deterrent", "show"}


ASKED_FOR = {"AID", "CONSULT", "COOPERATE", "SUPPORT"}
ASKING = {"ask", "urge", "request", "beg", "implore", "appeal", "call", "press", "lobby"}
NOUN_FALLBACK_PREPS = ("to", "with", "against", "on", "at", "into", "toward", "towards", "upon",
                       "between")
REFERENT_NOUNS = {"move", "step", "decision", "allegation", "accusation", "claim", "charge",
                  "action", "act", "measure", "policy", "proposal", "offer", "plan", "demand",
                  "remark", "comment", "statement", "assertion", "suggestion", "announcement"}
REACTION_VERBS = {"draw", "prompt", "face", "receive", "defy", "reject", "dismiss", "ignore",
                  "heed", "welcome", "accept", "rebuff", "spurn", "resist", "answer", "respond",
                  "provoke", "trigger", "attract", "earn", "brush", "shrug", "withstand", "rebuke"}
TAKING = REACTION_VERBS | {"use", "deploy", "sign", "take", "get"}
UNDERGOING = {"face", "suffer", "receive", "incur", "endure", "risk", "withstand", "undergo", "escape", "avoid"}
"""Verbs whose subject undergoes the event noun they take: "Russia could face new sanctions",
"the rebels faced an offensive by the army" - the subject is the target, never the author."""
REACTION_PREPS = {"despite", "amid", "under"}
RESPONSE_VERBS = {"respond", "retaliate", "react", "reply", "hit"}


PURPOSES = IRREALIS | {"press", "push", "pressure", "protest", "denounce", "condemn", "oppose",
                      "demand", "call", "reject", "mark", "support", "back"}


RELATIVES = {"that", "which", "who", "whom"}


SCHEMES = {"plan", "plot"}
"""Governors of a scheme: plotted, or planned in the past, the act is only possible."""
ATTITUDES = {"support", "back", "condemn", "denounce", "criticise", "criticize", "deplore", "decry",
             "welcome", "praise", "hail", "applaud", "oppose", "protest", "investigate", "probe",
             "pause", "halt", "suspend", "resume", "continue", "escalate", "intensify", "expand"}
"""Verbs that take a stand on, or change the course of, an act that exists ("agreed to pause
its offensive"): their modality is not the act's."""
TIME_SETTINGS = {"at", "during", "after", "before", "since", "following", "amid"}
MEETINGS = {"talk", "negotiation", "dialogue", "meeting", "summit"}

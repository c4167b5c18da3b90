"""What a seeded person's account and profile are made of: names, strengths, tools, the topics
they decline, where and for how much they work, headlines and bios."""

FIRST_NAMES = (
    "Aisha", "Alejandro", "Amara", "Ana", "Andrei", "Anika", "Arjun", "Beatriz", "Chen", "Chiara",
    "Chloe", "Daniel", "Dmitri", "Elena", "Emeka", "Fatima", "Felix", "Grace", "Hana", "Hiroshi",
    "Ibrahim", "Ingrid", "Isabel", "Jamal", "Javier", "Jin", "Kai", "Kavya", "Kofi", "Lars",
    "Layla", "Leila", "Lucas", "Mai", "Malik", "Marta", "Mateo", "Mei", "Miguel", "Mira",
    "Nadia", "Naveen", "Nia", "Noah", "Olga", "Omar", "Priya", "Rafael", "Ravi", "Rosa",
    "Sakura", "Samuel", "Sara", "Sofia", "Tariq", "Thandiwe", "Tomás", "Valentina", "Yusuf", "Zara",
)  # fmt: skip
LAST_NAMES = (
    "Abara", "Adeyemi", "Alvarez", "Andersen", "Bianchi", "Brown", "Chandra", "Chen", "Cohen",
    "Costa", "Dubois", "Dvořák", "Eriksson", "Fernández", "Fischer", "García", "Gupta", "Haddad",
    "Hansen", "Hernández", "Ivanova", "Jansen", "Kaur", "Kim", "Kowalski", "Kumar", "Larsen",
    "Li", "López", "Martin", "Mensah", "Moreau", "Müller", "Nakamura", "Nguyen", "Novak",
    "Okafor", "Oliveira", "Osei", "Park", "Patel", "Petrov", "Quispe", "Rahman", "Reyes",
    "Rossi", "Sato", "Schmidt", "Silva", "Singh", "Smith", "Suzuki", "Tanaka", "Wang", "Weber",
    "Williams", "Yilmaz", "Zhang",
)  # fmt: skip

STRENGTHS = (
    "reasoning evaluation", "benchmark design", "adversarial testing", "rubric writing",
    "annotation guidelines", "prompt design", "fact checking", "error analysis",
    "calibrating raters", "red teaming", "writing reference answers", "source verification",
    "edge-case hunting", "long-form grading", "safety review",
)  # fmt: skip
GENERIC_TOOLS = (
    "Python", "SQL", "Excel", "Jupyter", "R", "Label Studio", "Google Sheets", "Notion", "Git",
    "Argilla",
)  # fmt: skip
DECLINED_TOPICS = (
    "weapons", "personalised investment advice", "gambling", "political campaigning",
    "adult content", "surveillance of individuals", "diet pills",
)  # fmt: skip
TIME_ZONES = (
    "Europe/Berlin", "Europe/London", "Europe/Madrid", "Europe/Warsaw", "America/New_York",
    "America/Chicago", "America/Los_Angeles", "America/Sao_Paulo", "America/Mexico_City",
    "Asia/Kolkata", "Asia/Tokyo", "Asia/Singapore", "Africa/Lagos", "Africa/Nairobi",
    "Australia/Sydney", "UTC-5", "UTC+1", "UTC+05:30",
)  # fmt: skip
CURRENCIES = ("USD", "USD", "USD", "EUR", "GBP", "CAD")

HEADLINES = (
    "{Role} who designs {domain} evaluations for AI models",
    "{Role}; I grade model answers on {domain} and {domain2}",
    "{years} years as a {role}, now building {domain} benchmarks",
    "{Domain} specialist: rubrics, benchmarks and red-teaming",
    "{Role} evaluating reasoning in {domain}",
    "Evaluator of {domain} and {domain2} answers; {role} by training",
)
BIOS = (
    "I have worked as a {role} for {years} years. I now write rubrics and benchmarks that "
    "check whether a model's answer about {topic} would stand up in practice.",
    "{years} years in {domain}. I review model answers the way I reviewed junior colleagues' "
    "work: the conclusion matters, and so does every step that leads to it.",
    "Former {role}. I focus on {topic} and on the mistakes that sound plausible to a "
    "non-expert, which is where models slip most often.",
)

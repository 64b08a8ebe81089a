namespace Foreningsbro.Bench;

/// <summary>A town in a municipality with its postal code.</summary>
public sealed record Town(string Name, string PostalCode);

/// <summary>A municipality with its code, rough population (thousands, used to spread the clubs) and towns.</summary>
public sealed record MunicipalityInfo(int Code, string Name, double Population, Town[] Towns);

/// <summary>
/// Denmark's 98 municipalities with their codes and a few of their towns and postal codes, so that
/// generated venues look like real ones and searches for town names and postal codes hit real spread.
/// Populations are rounded; they only weight how many clubs each municipality gets.
/// </summary>
public static class DanishPlaces
{
    public static readonly MunicipalityInfo[] Municipalities =
    [
        M(101, "København", 660, ("København N", "2200"), ("København Ø", "2100"), ("København S", "2300"), ("København NV", "2400"), ("Valby", "2500"), ("Vanløse", "2720"), ("Brønshøj", "2700"), ("København SV", "2450")),
        M(147, "Frederiksberg", 105, ("Frederiksberg", "2000"), ("Frederiksberg C", "1850")),
        M(151, "Ballerup", 49, ("Ballerup", "2750"), ("Skovlunde", "2740"), ("Måløv", "2760")),
        M(153, "Brøndby", 39, ("Brøndby", "2605"), ("Brøndby Strand", "2660")),
        M(155, "Dragør", 14, ("Dragør", "2791")),
        M(157, "Gentofte", 75, ("Hellerup", "2900"), ("Charlottenlund", "2920"), ("Gentofte", "2820"), ("Klampenborg", "2930")),
        M(159, "Gladsaxe", 70, ("Søborg", "2860"), ("Bagsværd", "2880")),
        M(161, "Glostrup", 23, ("Glostrup", "2600")),
        M(163, "Herlev", 30, ("Herlev", "2730")),
        M(165, "Albertslund", 28, ("Albertslund", "2620")),
        M(167, "Hvidovre", 54, ("Hvidovre", "2650")),
        M(169, "Høje-Taastrup", 58, ("Taastrup", "2630"), ("Hedehusene", "2640")),
        M(173, "Lyngby-Taarbæk", 56, ("Kongens Lyngby", "2800"), ("Virum", "2830")),
        M(175, "Rødovre", 41, ("Rødovre", "2610")),
        M(183, "Ishøj", 23, ("Ishøj", "2635")),
        M(185, "Tårnby", 43, ("Kastrup", "2770")),
        M(187, "Vallensbæk", 17, ("Vallensbæk", "2625"), ("Vallensbæk Strand", "2665")),
        M(190, "Furesø", 41, ("Farum", "3520"), ("Værløse", "3500")),
        M(201, "Allerød", 26, ("Allerød", "3450"), ("Lynge", "3540")),
        M(210, "Fredensborg", 41, ("Fredensborg", "3480"), ("Humlebæk", "3050"), ("Kokkedal", "2980"), ("Nivå", "2990")),
        M(217, "Helsingør", 63, ("Helsingør", "3000"), ("Espergærde", "3060"), ("Hornbæk", "3100"), ("Snekkersten", "3070")),
        M(219, "Hillerød", 52, ("Hillerød", "3400"), ("Skævinge", "3320")),
        M(223, "Hørsholm", 25, ("Hørsholm", "2970")),
        M(230, "Rudersdal", 57, ("Holte", "2840"), ("Birkerød", "3460"), ("Nærum", "2850"), ("Vedbæk", "2950")),
        M(240, "Egedal", 44, ("Ølstykke", "3650"), ("Stenløse", "3660"), ("Smørum", "2765")),
        M(250, "Frederikssund", 46, ("Frederikssund", "3600"), ("Slangerup", "3550"), ("Jægerspris", "3630")),
        M(253, "Greve", 51, ("Greve", "2670"), ("Karlslunde", "2690"), ("Tune", "4030")),
        M(259, "Køge", 62, ("Køge", "4600"), ("Borup", "4140"), ("Herfølge", "4681")),
        M(260, "Halsnæs", 31, ("Frederiksværk", "3300"), ("Hundested", "3390")),
        M(265, "Roskilde", 90, ("Roskilde", "4000"), ("Jyllinge", "4040"), ("Viby Sjælland", "4130")),
        M(269, "Solrød", 23, ("Solrød Strand", "2680")),
        M(270, "Gribskov", 41, ("Helsinge", "3200"), ("Gilleleje", "3250"), ("Græsted", "3230")),
        M(306, "Odsherred", 33, ("Nykøbing Sjælland", "4500"), ("Asnæs", "4550"), ("Vig", "4560")),
        M(316, "Holbæk", 72, ("Holbæk", "4300"), ("Tølløse", "4340"), ("Jyderup", "4450")),
        M(320, "Faxe", 37, ("Faxe", "4640"), ("Haslev", "4690"), ("Karise", "4653")),
        M(326, "Kalundborg", 48, ("Kalundborg", "4400"), ("Høng", "4270"), ("Gørlev", "4281")),
        M(329, "Ringsted", 35, ("Ringsted", "4100")),
        M(330, "Slagelse", 79, ("Slagelse", "4200"), ("Korsør", "4220"), ("Skælskør", "4230")),
        M(336, "Stevns", 23, ("Store Heddinge", "4660"), ("Hårlev", "4652")),
        M(340, "Sorø", 30, ("Sorø", "4180"), ("Dianalund", "4293")),
        M(350, "Lejre", 28, ("Hvalsø", "4330"), ("Kirke Hyllinge", "4070"), ("Lejre", "4320")),
        M(360, "Lolland", 40, ("Nakskov", "4900"), ("Maribo", "4930"), ("Rødby", "4970")),
        M(370, "Næstved", 84, ("Næstved", "4700"), ("Fensmark", "4684"), ("Glumsø", "4171")),
        M(376, "Guldborgsund", 60, ("Nykøbing Falster", "4800"), ("Stubbekøbing", "4850"), ("Sakskøbing", "4990")),
        M(390, "Vordingborg", 45, ("Vordingborg", "4760"), ("Præstø", "4720"), ("Stege", "4780")),
        M(400, "Bornholm", 39, ("Rønne", "3700"), ("Nexø", "3730"), ("Aakirkeby", "3720")),
        M(410, "Middelfart", 39, ("Middelfart", "5500"), ("Nørre Aaby", "5580")),
        M(420, "Assens", 41, ("Assens", "5610"), ("Glamsbjerg", "5620"), ("Vissenbjerg", "5492")),
        M(430, "Faaborg-Midtfyn", 51, ("Faaborg", "5600"), ("Ringe", "5750"), ("Årslev", "5792")),
        M(440, "Kerteminde", 24, ("Kerteminde", "5300"), ("Munkebo", "5330")),
        M(450, "Nyborg", 32, ("Nyborg", "5800"), ("Ullerslev", "5540")),
        M(461, "Odense", 207, ("Odense C", "5000"), ("Odense M", "5230"), ("Odense SØ", "5220"), ("Odense N", "5270"), ("Odense V", "5200"), ("Dalum", "5250")),
        M(479, "Svendborg", 59, ("Svendborg", "5700"), ("Stenstrup", "5771")),
        M(480, "Nordfyns", 29, ("Bogense", "5400"), ("Otterup", "5450"), ("Søndersø", "5471")),
        M(482, "Langeland", 12, ("Rudkøbing", "5900"), ("Tranekær", "5953")),
        M(492, "Ærø", 6, ("Ærøskøbing", "5970"), ("Marstal", "5960")),
        M(510, "Haderslev", 55, ("Haderslev", "6100"), ("Vojens", "6500"), ("Gram", "6510")),
        M(530, "Billund", 27, ("Billund", "7190"), ("Grindsted", "7200")),
        M(540, "Sønderborg", 74, ("Sønderborg", "6400"), ("Nordborg", "6430"), ("Augustenborg", "6440"), ("Gråsten", "6300")),
        M(550, "Tønder", 37, ("Tønder", "6270"), ("Skærbæk", "6780"), ("Toftlund", "6520")),
        M(561, "Esbjerg", 116, ("Esbjerg", "6700"), ("Ribe", "6760"), ("Bramming", "6740")),
        M(563, "Fanø", 3.5, ("Fanø", "6720")),
        M(573, "Varde", 50, ("Varde", "6800"), ("Oksbøl", "6840"), ("Ølgod", "6870")),
        M(575, "Vejen", 43, ("Vejen", "6600"), ("Brørup", "6650"), ("Rødding", "6630")),
        M(580, "Aabenraa", 59, ("Aabenraa", "6200"), ("Rødekro", "6230"), ("Padborg", "6330")),
        M(607, "Fredericia", 52, ("Fredericia", "7000")),
        M(615, "Horsens", 98, ("Horsens", "8700"), ("Brædstrup", "8740"), ("Hovedgård", "8732")),
        M(621, "Kolding", 95, ("Kolding", "6000"), ("Vamdrup", "6580"), ("Lunderskov", "6640"), ("Christiansfeld", "6070")),
        M(630, "Vejle", 121, ("Vejle", "7100"), ("Jelling", "7300"), ("Børkop", "7080"), ("Give", "7323")),
        M(657, "Herning", 90, ("Herning", "7400"), ("Sunds", "7451"), ("Aulum", "7490")),
        M(661, "Holstebro", 59, ("Holstebro", "7500"), ("Vinderup", "7830")),
        M(665, "Lemvig", 20, ("Lemvig", "7620"), ("Harboøre", "7673")),
        M(671, "Struer", 21, ("Struer", "7600")),
        M(706, "Syddjurs", 43, ("Ebeltoft", "8400"), ("Rønde", "8410"), ("Hornslet", "8543")),
        M(707, "Norddjurs", 37, ("Grenaa", "8500"), ("Auning", "8963")),
        M(710, "Favrskov", 49, ("Hinnerup", "8382"), ("Hadsten", "8370")),
        M(727, "Odder", 23, ("Odder", "8300")),
        M(730, "Randers", 99, ("Randers", "8900"), ("Langå", "8870")),
        M(740, "Silkeborg", 97, ("Silkeborg", "8600"), ("Kjellerup", "8620"), ("Them", "8653")),
        M(741, "Samsø", 3.7, ("Samsø", "8305")),
        M(746, "Skanderborg", 64, ("Skanderborg", "8660"), ("Ry", "8680"), ("Hørning", "8362")),
        M(751, "Aarhus", 365, ("Aarhus C", "8000"), ("Aarhus N", "8200"), ("Aarhus V", "8210"), ("Viby J", "8260"), ("Højbjerg", "8270"), ("Brabrand", "8220"), ("Risskov", "8240"), ("Åbyhøj", "8230")),
        M(756, "Ikast-Brande", 41, ("Ikast", "7430"), ("Brande", "7330"), ("Bording", "7441")),
        M(760, "Ringkøbing-Skjern", 56, ("Ringkøbing", "6950"), ("Skjern", "6900"), ("Tarm", "6880")),
        M(766, "Hedensted", 47, ("Hedensted", "8722"), ("Juelsminde", "7130"), ("Tørring", "7160")),
        M(773, "Morsø", 20, ("Nykøbing Mors", "7900")),
        M(779, "Skive", 46, ("Skive", "7800")),
        M(787, "Thisted", 43, ("Thisted", "7700"), ("Hurup Thy", "7760")),
        M(791, "Viborg", 97, ("Viborg", "8800"), ("Bjerringbro", "8850"), ("Karup J", "7470")),
        M(810, "Brønderslev", 36, ("Brønderslev", "9700"), ("Dronninglund", "9330")),
        M(813, "Frederikshavn", 58, ("Frederikshavn", "9900"), ("Sæby", "9300"), ("Skagen", "9990")),
        M(820, "Vesthimmerlands", 36, ("Aars", "9600"), ("Farsø", "9640"), ("Løgstør", "9670")),
        M(825, "Læsø", 1.7, ("Læsø", "9940")),
        M(840, "Rebild", 30, ("Støvring", "9530"), ("Skørping", "9520")),
        M(846, "Mariagerfjord", 42, ("Hobro", "9500"), ("Hadsund", "9560"), ("Arden", "9510")),
        M(849, "Jammerbugt", 38, ("Aabybro", "9440"), ("Brovst", "9460"), ("Fjerritslev", "9690")),
        M(851, "Aalborg", 222, ("Aalborg", "9000"), ("Aalborg SV", "9200"), ("Aalborg Øst", "9220"), ("Nørresundby", "9400"), ("Svenstrup J", "9230")),
        M(860, "Hjørring", 64, ("Hjørring", "9800"), ("Hirtshals", "9850"), ("Sindal", "9870")),
    ];

    public static readonly string[] Streets =
    [
        "Idrætsvej", "Stadionvej", "Skolevej", "Hallvej", "Parkvej", "Søvej", "Skovvej", "Kirkevej", "Stationsvej", "Bygaden",
        "Hovedgaden", "Møllevej", "Engvej", "Vestergade", "Østergade", "Nørregade", "Søndergade", "Strandvejen", "Bakkevej", "Lærkevej",
        "Birkevej", "Ahornvej", "Bøgevej", "Egevej", "Grønnegade", "Markvej", "Fritidsvej", "Sportsvej", "Svømmehalsvej", "Havnevej",
    ];

    private static MunicipalityInfo M(int code, string name, double population, params (string Town, string PostalCode)[] towns) =>
        new(code, name, population, towns.Select(t => new Town(t.Town, t.PostalCode)).ToArray());
}

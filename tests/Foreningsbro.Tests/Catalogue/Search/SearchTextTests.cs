using Foreningsbro.Web.Features.Catalogue.Search;

namespace Foreningsbro.Tests.Catalogue.Search;

public class SearchTextTests
{
    [Theory]
    [InlineData("Tåstrup", "taastrup")]
    [InlineData("TAASTRUP", "taastrup")]
    [InlineData("Høje-Taastrup", "hoeje taastrup")]
    [InlineData("Ærø", "aeroe")]
    [InlineData("Café Måne", "cafe maane")]
    [InlineData("Körsel & Bäck", "koersel baeck")]
    [InlineData("  stavgang,  yoga!! ", "stavgang yoga")]
    [InlineData("ÅÆØ", "aaaeoe")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Normalize_folds_case_accents_and_danish_letters(string? input, string expected) =>
        SearchText.Normalize(input).ShouldBe(expected);

    [Fact]
    public void Terms_split_on_words_and_drop_repeats() =>
        SearchText.Terms("Yoga yoga i Tåstrup").ShouldBe(["yoga", "i", "taastrup"]);
}

namespace Foreningsbro.Web;

/// <summary>
/// Marker for the shared resource files (Resources/SharedResource.*.resx). The Danish text is the
/// key and the default; Resources/SharedResource.en.resx holds the English translations.
/// It sits in the root namespace so that its resources live at Resources/SharedResource.*.resx.
/// </summary>
#pragma warning disable CA1052 // a marker type for IStringLocalizer<T>, never instantiated
public sealed class SharedResource;
#pragma warning restore CA1052

using NUnit.Framework;
namespace NodeAgent.Dicom.Tests.Support;

/// <summary>The real DICOM files of ../shared/dicom-samples, by the path their README uses.</summary>
internal static class Samples
{
    /// <summary>Files a reader must refuse: they end inside a value.</summary>
    public static readonly string[] Truncated = ["pydicom/MR_truncated.dcm", "pydicom/rtplan_truncated.dcm"];

    public static readonly string[] All =
    [
        "pydicom-data/HTJ2KLossless_08_RGB.dcm", "pydicom-data/JPEG-LL.dcm", "pydicom-data/JPGLosslessP14SV1_1s_1f_8b.dcm",
        "pydicom-data/MR-SIEMENS-DICOM-WithOverlays.dcm", "pydicom-data/US1_UNCR.dcm", "pydicom-data/bad_sequence.dcm",
        "pydicom-data/eCT_Supplemental.dcm", "pydicom-data/emri_small.dcm", "pydicom-data/emri_small_jpeg_2k_lossless_too_short.dcm",
        "pydicom-data/explicit_VR-UN.dcm", "pydicom-data/gdcm-US-ALOKA-16.dcm", "pydicom-data/liver.dcm",
        "pydicom-data/liver_deflate.dcm", "pydicom-data/parametric_map_float.dcm", "pydicom/CT_small.dcm", "pydicom/DICOMDIR",
        "pydicom/ExplVR_BigEnd.dcm", "pydicom/ExplVR_LitEndNoMeta.dcm", "pydicom/JPEG2000-embedded-sequence-delimiter.dcm",
        "pydicom/JPEG2000.dcm", "pydicom/JPGExtended.dcm", "pydicom/MR_small.dcm", "pydicom/MR_small_RLE.dcm",
        "pydicom/MR_small_bigendian.dcm", "pydicom/MR_small_implicit.dcm", "pydicom/MR_small_jp2klossless.dcm",
        "pydicom/MR_small_jpeg_ls_lossless.dcm", "pydicom/MR_truncated.dcm", "pydicom/SC_rgb_jpeg_dcmtk.dcm",
        "pydicom/SC_rgb_rle_2frame.dcm", "pydicom/UN_sequence.dcm", "pydicom/badVR.dcm", "pydicom/charset/chrArab.dcm",
        "pydicom/charset/chrFren.dcm", "pydicom/charset/chrFrenMulti.dcm", "pydicom/charset/chrGerm.dcm",
        "pydicom/charset/chrGreek.dcm", "pydicom/charset/chrH31.dcm", "pydicom/charset/chrH32.dcm", "pydicom/charset/chrHbrw.dcm",
        "pydicom/charset/chrI2.dcm", "pydicom/charset/chrJapMulti.dcm", "pydicom/charset/chrJapMultiExplicitIR6.dcm",
        "pydicom/charset/chrKoreanMulti.dcm", "pydicom/charset/chrRuss.dcm", "pydicom/charset/chrSQEncoding.dcm",
        "pydicom/charset/chrSQEncoding1.dcm", "pydicom/charset/chrX1.dcm", "pydicom/charset/chrX2.dcm",
        "pydicom/empty_charset_LEI.dcm", "pydicom/examples_overlay.dcm", "pydicom/image_dfl.dcm", "pydicom/liver_1frame.dcm",
        "pydicom/meta_missing_tsyntax.dcm", "pydicom/nested_priv_SQ.dcm", "pydicom/no_meta.dcm", "pydicom/no_meta_group_length.dcm",
        "pydicom/priv_SQ.dcm", "pydicom/reportsi.dcm", "pydicom/rtdose.dcm", "pydicom/rtplan.dcm", "pydicom/rtplan_truncated.dcm",
        "pydicom/rtstruct.dcm", "pydicom/test-SR.dcm", "pydicom/waveform_ecg.dcm",
    ];

    public static IEnumerable<string> Readable => All.Except(Truncated);

    /// <summary>The full path of a sample; ignores the test (fails it under CI=true) when the samples are absent.</summary>
    public static string PathOf(string name)
    {
        var root = FindSamplesDirectory();
        var path = Path.Combine(root, name);
        if (!File.Exists(path))
        {
            Skip($"sample {name} is missing from {root}");
        }

        return path;
    }

    public static string FindSamplesDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "NodeAgent.sln")))
            {
                var samples = Path.Combine(directory.FullName, "..", "shared", "dicom-samples");
                if (Directory.Exists(samples))
                {
                    return Path.GetFullPath(samples);
                }

                Skip($"../shared/dicom-samples is not beside the repository at {directory.FullName}");
            }
        }

        Skip("the repository root (NodeAgent.sln) was not found above the test directory");
        return string.Empty;
    }

    private static void Skip(string reason)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"CI=true and {reason}");
        }

        Assert.Ignore(reason);
    }
}
